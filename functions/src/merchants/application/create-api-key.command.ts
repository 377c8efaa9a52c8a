import { auditEntry } from '../../compliance/domain/audit-entry';
import type { ApiKeyObject, CreateApiKeyRequest } from '../../contracts/account-team.v1';
import type { ApiError } from '../../shared/api-error';
import type { Clock } from '../../shared/clock';
import { actorOf, type ApiKeyScope } from '../../shared/merchant-access';
import type { MerchantContext } from '../../shared/merchant-context';
import { ok, Result } from '../../shared/result';
import { generateApiKey, newApiKeyRecord } from '../domain/api-key';
import { presentApiKey } from './team.presenter';
import type { TeamStore } from './team.store';

/** A new secret or restricted key for the caller's account and mode: its secret is in the answer once, only its hash is stored. */
export async function createApiKey(deps: { store: TeamStore; clock: Clock }, merchant: MerchantContext, input: CreateApiKeyRequest): Promise<Result<ApiKeyObject, ApiError>> {
  const nowMs = deps.clock.nowMs();
  const secret = generateApiKey(input.type, merchant.livemode);
  const key = newApiKeyRecord(secret, merchant.merchantId, nowMs, { scopes: (input.scopes ?? []) as ApiKeyScope[], name: input.name ?? null });
  await deps.store.transact(async (tx) => {
    tx.putApiKey(key);
    tx.appendAudit(auditEntry({ actor: actorOf(merchant.credential!), action: 'api_key.created', subject: `merchants/${merchant.merchantId}`, reason: `created a ${key.kind} key`, details: { key: key.id, type: key.kind, scopes: key.scopes, livemode: key.livemode } }, nowMs));
  });
  return ok({ ...presentApiKey(key, nowMs), secret });
}
