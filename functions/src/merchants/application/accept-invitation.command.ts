import { auditEntry } from '../../compliance/domain/audit-entry';
import type { MemberObject } from '../../contracts/account-team.v1';
import { apiError, ApiError, notFound } from '../../shared/api-error';
import type { Clock } from '../../shared/clock';
import type { VerifiedUser } from '../../shared/id-token.verifier';
import { err, ok, Result } from '../../shared/result';
import { invitationStatus, memberClaims, type Member } from '../domain/team';
import { presentMember } from './team.presenter';
import type { TeamStore, UserAccounts } from './team.store';

type Outcome = { ok: true; member: Member } | { ok: false; error: ApiError };

/**
 * The invited user (signed in with the invited, verified e-mail) joins the team; their custom claims
 * are set once the membership is committed. Accepting again is harmless and sets the claims again, so
 * a client retries until it gets an answer (claims may lag the membership by one failed call, never
 * lead it).
 */
export async function acceptInvitation(deps: { store: TeamStore; accounts: UserAccounts; clock: Clock }, user: VerifiedUser, invitationId: string): Promise<Result<MemberObject, ApiError>> {
  if (!user.emailVerified || !user.email) return err(apiError(403, 'permission_error', 'email_not_verified', 'Verify your e-mail address with Firebase Auth before accepting an invitation.'));
  const nowMs = deps.clock.nowMs();
  const outcome = await deps.store.transact(async (tx): Promise<Outcome> => {
    const invitation = await tx.invitation(invitationId);
    // Someone else's invitation looks exactly like a missing one.
    if (!invitation || invitation.email !== user.email) return { ok: false, error: notFound('invitation', invitationId) };
    const current = await tx.member(user.uid);
    if (invitation.status === 'accepted') {
      return invitation.acceptedBy === user.uid && current?.merchantId === invitation.merchantId
        ? { ok: true, member: current }
        : { ok: false, error: apiError(409, 'invalid_request_error', 'invitation_used', 'This invitation has already been accepted.') };
    }
    if (invitationStatus(invitation, nowMs) === 'expired') return { ok: false, error: apiError(409, 'invalid_request_error', 'invitation_expired', 'This invitation has expired: ask for a new one.') };
    if (current) return { ok: false, error: apiError(409, 'invalid_request_error', 'already_member', 'You already belong to a merchant account: leave it first.') };
    const member: Member = { uid: user.uid, merchantId: invitation.merchantId, livemode: invitation.livemode, email: user.email!, role: invitation.role, createdMs: nowMs, updatedMs: nowMs };
    tx.putMember(member);
    tx.putInvitation({ ...invitation, status: 'accepted', acceptedBy: user.uid });
    tx.appendAudit(auditEntry({ actor: `user:${user.uid}`, action: 'account.member_joined', subject: `merchants/${invitation.merchantId}`, reason: `accepted an invitation as ${invitation.role}`, details: { invitation: invitation.id, role: invitation.role, livemode: invitation.livemode } }, nowMs));
    return { ok: true, member };
  });
  if (!outcome.ok) return err(outcome.error);
  await deps.accounts.setClaims(user.uid, memberClaims(outcome.member));
  return ok(presentMember(outcome.member));
}
