import { auditEntry } from '../../compliance/domain/audit-entry';
import type { MemberObject } from '../../contracts/account-team.v1';
import { ApiError, notFound } from '../../shared/api-error';
import type { Clock } from '../../shared/clock';
import { actorOf, type MerchantRole } from '../../shared/merchant-access';
import type { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
import { checkTeamChange, memberClaims, type Member, type TeamRefusal } from '../domain/team';
import { forbidden, presentMember, teamActorOf, teamRefusal } from './team.presenter';
import type { TeamStore, UserAccounts } from './team.store';

type Outcome = { kind: 'done'; member: Member | null } | { kind: 'missing' } | { kind: 'refused'; refusal: TeamRefusal };

/**
 * Changes a member's role (`role`) or removes them (`role: null`). The membership is the truth the API
 * checks on every request, so the change holds at once; then the claims follow (the Firestore rules
 * read them) and a removed user's sessions are revoked. Repeating the call repeats those two steps.
 */
export async function changeMember(
  deps: { store: TeamStore; accounts: UserAccounts; clock: Clock },
  merchant: MerchantContext,
  uid: string,
  role: MerchantRole | null,
): Promise<Result<MemberObject | { id: string; object: 'member'; deleted: true }, ApiError>> {
  const actor = teamActorOf(merchant);
  if (!actor) return err(forbidden('Manage members with a secret key or as an owner or admin.'));
  const nowMs = deps.clock.nowMs();
  const outcome = await deps.store.transact(async (tx): Promise<Outcome> => {
    const target = await tx.member(uid);
    if (!target || target.merchantId !== merchant.merchantId || target.livemode !== merchant.livemode) return { kind: 'missing' };
    if (target.role === role) return { kind: 'done', member: target };
    const refusal = checkTeamChange(actor, target, role, target.role === 'owner' ? await tx.ownerCount(merchant.merchantId, merchant.livemode) : 2);
    if (refusal) return { kind: 'refused', refusal };
    const changed = role === null ? null : { ...target, role, updatedMs: nowMs };
    if (changed) tx.putMember(changed);
    else tx.deleteMember(uid);
    tx.appendAudit(
      auditEntry(
        {
          actor: actorOf(merchant.credential!),
          action: changed ? 'account.member_role_changed' : 'account.member_removed',
          subject: `merchants/${merchant.merchantId}`,
          reason: changed ? `role ${target.role} → ${role}` : `removed a ${target.role}`,
          details: { member: uid, from: target.role, to: role, livemode: merchant.livemode },
        },
        nowMs,
      ),
    );
    return { kind: 'done', member: changed };
  });
  if (outcome.kind === 'missing') {
    // A removal that committed but whose claims call failed: the claims still name this account, so finish it.
    const claims = role === null ? await deps.accounts.claims(uid) : null;
    if (!claims || claims.merchant_id !== merchant.merchantId || claims.livemode !== merchant.livemode || claims.role === undefined) return err(notFound('member', uid));
  } else if (outcome.kind === 'refused') return teamRefusal(outcome.refusal);
  else if (outcome.member) {
    await deps.accounts.setClaims(uid, memberClaims(outcome.member));
    return ok(presentMember(outcome.member));
  }
  // Removed: no claims, no sessions.
  await deps.accounts.setClaims(uid, null);
  await deps.accounts.revokeSessions(uid);
  return ok({ id: uid, object: 'member', deleted: true });
}
