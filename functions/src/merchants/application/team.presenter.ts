import type { ApiKeyObject, InvitationObject, MemberObject } from '../../contracts/account-team.v1';
import { apiError, type ApiError } from '../../shared/api-error';
import type { MerchantContext } from '../../shared/merchant-context';
import { err, type Result } from '../../shared/result';
import { apiKeyStatus, type ApiKeyRecord } from '../domain/api-key';
import { invitationStatus, type Invitation, type Member, type TeamActor, type TeamRefusal } from '../domain/team';

const seconds = (ms: number) => Math.floor(ms / 1000);

export const presentMember = (m: Member): MemberObject => ({ id: m.uid, object: 'member', email: m.email, role: m.role, created: seconds(m.createdMs), livemode: m.livemode });

export const presentInvitation = (i: Invitation, nowMs: number): InvitationObject => ({
  id: i.id, object: 'invitation', email: i.email, role: i.role, status: invitationStatus(i, nowMs), expires_at: seconds(i.expiresMs), created: seconds(i.createdMs), livemode: i.livemode,
});

/** Never the key itself: its prefix and last four characters (the secret is added once, by create and roll). */
export const presentApiKey = (k: ApiKeyRecord, nowMs: number): ApiKeyObject => ({
  id: k.id, object: 'api_key', type: k.kind, name: k.name, redacted: `${k.prefix.slice(0, 8)}…${k.last4}`, scopes: [...k.scopes], status: apiKeyStatus(k, nowMs),
  expires_at: k.expiresMs === null ? null : seconds(k.expiresMs), created: seconds(k.createdMs), livemode: k.livemode,
});

export const forbidden = (message: string): ApiError => apiError(403, 'permission_error', 'insufficient_permissions', message);

const REFUSALS: { readonly [R in TeamRefusal]: string } = {
  owner_only: 'Only an owner can grant, change or remove the owner role.',
  last_owner: 'An account keeps at least one owner: make someone else owner first.',
  not_yourself: 'You cannot change or remove your own membership; ask another owner or admin.',
};
export const teamRefusal = (refusal: TeamRefusal): Result<never, ApiError> =>
  err(refusal === 'last_owner' ? apiError(409, 'invalid_request_error', refusal, REFUSALS[refusal]) : forbidden(REFUSALS[refusal]));

/** The team actor behind a request: a member, or the secret key. Restricted keys never reach team routes (no scope grants them). */
export function teamActorOf(merchant: MerchantContext): TeamActor | null {
  const c = merchant.credential;
  if (c?.kind === 'dashboard_user') return { kind: 'member', uid: c.uid, role: c.role };
  return c?.kind === 'secret_key' ? { kind: 'secret_key' } : null;
}
