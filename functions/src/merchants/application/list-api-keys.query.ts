import type { ApiKeyObject } from '../../contracts/account-team.v1';
import type { Clock } from '../../shared/clock';
import type { MerchantContext } from '../../shared/merchant-context';
import { presentApiKey } from './team.presenter';
import type { TeamStore } from './team.store';

/** The account's keys of the caller's mode, newest first, masked (prefix and last four characters). */
export async function listApiKeys(deps: { store: TeamStore; clock: Clock }, merchant: MerchantContext): Promise<{ object: 'list'; data: ApiKeyObject[]; has_more: false; url: string }> {
  const nowMs = deps.clock.nowMs();
  const keys = await deps.store.listApiKeys(merchant.merchantId, merchant.livemode);
  return { object: 'list', data: keys.sort((a, b) => b.createdMs - a.createdMs).map((k) => presentApiKey(k, nowMs)), has_more: false, url: '/v1/api_keys' };
}
