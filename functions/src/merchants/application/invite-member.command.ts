import { auditEntry } from '../../compliance/domain/audit-entry';
import type { InvitationObject, InviteMemberRequest } from '../../contracts/account-team.v1';
import { ApiError } from '../../shared/api-error';
import type { Clock } from '../../shared/clock';
import { sha256Hex } from '../../shared/ids';
import { actorOf } from '../../shared/merchant-access';
import type { MerchantContext } from '../../shared/merchant-context';
import { ok, Result } from '../../shared/result';
import { INVITATION_LIFETIME_MS, mayTouchRole, type Invitation } from '../domain/team';
import { forbidden, presentInvitation, teamActorOf, teamRefusal } from './team.presenter';
import type { TeamStore } from './team.store';

/**
 * Invites someone by e-mail. One invitation per account, mode and address (its id is derived from
 * them), so a retried request or a second invite renews the same invitation instead of adding one.
 */
export async function inviteMember(deps: { store: TeamStore; clock: Clock }, merchant: MerchantContext, input: InviteMemberRequest): Promise<Result<InvitationObject, ApiError>> {
  const actor = teamActorOf(merchant);
  if (!actor) return { ok: false, error: forbidden('Invite members with a secret key or as an owner or admin.') };
  const refused = mayTouchRole(actor, null, input.role);
  if (refused) return teamRefusal(refused);
  const nowMs = deps.clock.nowMs();
  const id = `inv_${sha256Hex(`${merchant.merchantId}|${merchant.livemode}|${input.email}`).slice(0, 24)}`;
  const invitation: Invitation = {
    id, merchantId: merchant.merchantId, livemode: merchant.livemode, email: input.email, role: input.role,
    status: 'pending', acceptedBy: null, createdMs: nowMs, expiresMs: nowMs + INVITATION_LIFETIME_MS,
  };
  const saved = await deps.store.transact(async (tx) => {
    const existing = await tx.invitation(id);
    // An accepted invitation whose member is still on the team stays as it is.
    if (existing?.status === 'accepted' && existing.acceptedBy && (await tx.member(existing.acceptedBy))?.merchantId === merchant.merchantId) return existing;
    tx.putInvitation(invitation);
    tx.appendAudit(auditEntry({ actor: actorOf(merchant.credential!), action: 'account.member_invited', subject: `merchants/${merchant.merchantId}`, reason: `invited a member as ${input.role}`, details: { invitation: id, role: input.role, livemode: merchant.livemode } }, nowMs));
    return invitation;
  });
  return ok(presentInvitation(saved, nowMs));
}
