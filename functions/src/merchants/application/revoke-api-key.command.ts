import { auditEntry } from '../../compliance/domain/audit-entry';
import { ApiError, notFound } from '../../shared/api-error';
import type { Clock } from '../../shared/clock';
import { actorOf } from '../../shared/merchant-access';
import type { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
import { revokeKey } from '../domain/api-key';
import type { TeamStore } from './team.store';

/**
 * Revoked at once in the store: the instance that serves the request forgets it, and every other
 * instance that cached the key stops accepting it within the key cache's lifetime (10 s).
 */
export async function revokeApiKey(deps: { store: TeamStore; clock: Clock }, merchant: MerchantContext, id: string): Promise<Result<{ id: string; object: 'api_key'; deleted: true }, ApiError>> {
  const nowMs = deps.clock.nowMs();
  const found = await deps.store.transact(async (tx) => {
    const key = await tx.apiKey(merchant.merchantId, merchant.livemode, id);
    if (!key) return false;
    if (!key.revoked) {
      tx.putApiKey(revokeKey(key));
      tx.appendAudit(auditEntry({ actor: actorOf(merchant.credential!), action: 'api_key.revoked', subject: `merchants/${merchant.merchantId}`, reason: `revoked a ${key.kind} key`, details: { key: key.id, livemode: key.livemode } }, nowMs));
    }
    return true;
  });
  return found ? ok({ id, object: 'api_key', deleted: true }) : err(notFound('api_key', id));
}
