import { Clock } from '../../shared/clock';
import { newId } from '../../shared/ids';
import { generateSecretKey, newApiKeyRecord } from '../domain/api-key';
import { Merchant } from '../domain/merchant';
import { DEFAULT_MERCHANT_COUNTRY } from './merchant-countries.query';
import { MerchantRepository } from './merchant.repository';

/** The secret key is returned once, here; only its hash is stored. */
export async function createMerchant(
  deps: { merchants: MerchantRepository; clock: Clock },
  input: { name: string; livemode?: boolean; country?: string },
): Promise<{ merchant: Merchant; secretKey: string }> {
  const nowMs = deps.clock.nowMs();
  const merchant: Merchant = { id: newId('acct'), name: input.name, country: input.country ?? DEFAULT_MERCHANT_COUNTRY, createdMs: nowMs };
  const secretKey = generateSecretKey(input.livemode ?? false);
  await deps.merchants.createMerchant(merchant, newApiKeyRecord(secretKey, merchant.id, nowMs));
  return { merchant, secretKey };
}
