import { auditEntry } from '../../compliance/domain/audit-entry';
import type { ApiKeyObject } from '../../contracts/account-team.v1';
import { ApiError, apiError, notFound } from '../../shared/api-error';
import type { Clock } from '../../shared/clock';
import { actorOf } from '../../shared/merchant-access';
import type { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
import { type ApiKeyRecord, apiKeyWorks, expireForRoll, generateApiKey, newApiKeyRecord } from '../domain/api-key';
import { presentApiKey } from './team.presenter';
import type { TeamStore } from './team.store';

/** A new key with the same type, scopes and name; the old one works `expiresInHours` more (0: stops now). Both and the audit entry commit together. */
export async function rollApiKey(deps: { store: TeamStore; clock: Clock }, merchant: MerchantContext, id: string, expiresInHours: number): Promise<Result<ApiKeyObject, ApiError>> {
  const nowMs = deps.clock.nowMs();
  const outcome = await deps.store.transact(async (tx): Promise<{ error: ApiError } | { fresh: ApiKeyRecord; secret: string }> => {
    const old = await tx.apiKey(merchant.merchantId, merchant.livemode, id);
    if (!old) return { error: notFound('api_key', id) };
    if (!apiKeyWorks(old, nowMs)) return { error: apiError(400, 'invalid_request_error', 'api_key_expired', 'This key is revoked or expired: create a new one.') };
    const secret = generateApiKey(old.kind, old.livemode);
    const fresh = newApiKeyRecord(secret, old.merchantId, nowMs, { scopes: old.scopes, name: old.name });
    tx.putApiKey(expireForRoll(old, nowMs, expiresInHours * 3_600_000));
    tx.putApiKey(fresh);
    tx.appendAudit(auditEntry({ actor: actorOf(merchant.credential!), action: 'api_key.rolled', subject: `merchants/${merchant.merchantId}`, reason: `rolled a ${old.kind} key; the old one works ${expiresInHours} h more`, details: { key: old.id, new_key: fresh.id, expires_in_hours: expiresInHours, livemode: old.livemode } }, nowMs));
    return { fresh, secret };
  });
  if ('error' in outcome) return err(outcome.error);
  return ok({ ...presentApiKey(outcome.fresh, nowMs), secret: outcome.secret });
}
