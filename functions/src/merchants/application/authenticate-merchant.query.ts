import { apiError, ApiError } from '../../shared/api-error';
import type { Clock } from '../../shared/clock';
import { looksLikeIdToken, type IdTokenVerifier } from '../../shared/id-token.verifier';
import { credentialAllows, type MerchantCredential, type RouteAccess } from '../../shared/merchant-access';
import type { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
import { apiKeyWorks, hashApiKey, looksLikeApiKey } from '../domain/api-key';
import { forbidden } from './team.presenter';
import type { MerchantRepository } from './merchant.repository';
import type { TeamStore } from './team.store';

const unauthorized = (message: string): ApiError => apiError(401, 'authentication_error', 'invalid_api_key', message);

export interface MerchantCallerDeps {
  readonly merchants: MerchantRepository;
  readonly team: Pick<TeamStore, 'findMember'>;
  readonly tokens: IdTokenVerifier;
  readonly clock: Clock;
}

/**
 * Who is calling a merchant route, and may they: a secret key (`sk_`), a restricted key (`rk_`, by its
 * scopes) or a team member's Firebase ID token (by the role of their membership, read on every request
 * so a role change or removal holds at once). 401 for a credential that is not valid, 403 for a valid
 * one without the permission the route needs; the mode is the key's or the membership's.
 */
export async function authenticateMerchant(deps: MerchantCallerDeps, authorization: string | undefined, access: RouteAccess): Promise<Result<MerchantContext, ApiError>> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!bearer) return err(unauthorized('You did not provide an API key. Send it as `Authorization: Bearer sk_...` (or a team member\'s Firebase ID token).'));
  let caller: { merchantId: string; livemode: boolean; credential: MerchantCredential };
  if (looksLikeApiKey(bearer)) {
    const record = await deps.merchants.findApiKey(hashApiKey(bearer));
    if (!record || !apiKeyWorks(record, deps.clock.nowMs())) return err(unauthorized('Invalid API key provided.'));
    const credential: MerchantCredential = record.kind === 'secret' ? { kind: 'secret_key', keyId: record.id } : { kind: 'restricted_key', keyId: record.id, scopes: record.scopes };
    caller = { merchantId: record.merchantId, livemode: record.livemode, credential };
  } else if (looksLikeIdToken(bearer)) {
    const user = await deps.tokens.verify(bearer);
    if (!user) return err(apiError(401, 'authentication_error', 'invalid_id_token', 'The Firebase ID token is invalid, expired or revoked: sign in again.'));
    const member = await deps.team.findMember(user.uid);
    if (!member) return err(forbidden('This user is not a member of a merchant account: accept an invitation first.'));
    caller = { merchantId: member.merchantId, livemode: member.livemode, credential: { kind: 'dashboard_user', uid: user.uid, role: member.role } };
  } else {
    // Malformed credentials never reach the database or Firebase Auth.
    return err(unauthorized('Invalid API key provided.'));
  }
  if (!credentialAllows(caller.credential, access)) {
    const who = caller.credential.kind === 'dashboard_user' ? `The ${caller.credential.role} role` : caller.credential.kind === 'secret_key' ? 'A secret key' : 'This restricted key';
    return err(forbidden(`${who} does not have the permission this request needs (${access.resource}:${access.action}).`));
  }
  return ok(caller);
}
