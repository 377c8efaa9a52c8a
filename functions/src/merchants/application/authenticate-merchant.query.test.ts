import { fixedClock } from '../../shared/clock';
import { InMemoryMerchantRepository } from '../adapters/merchant.memory-repository';
import { hashApiKey } from '../domain/api-key';
import { authenticateMerchant } from './authenticate-merchant.query';
import { createMerchant } from './create-merchant.command';
import { revokeApiKey } from './revoke-api-key.command';

async function merchantWithKey(livemode = false) {
  const merchants = new InMemoryMerchantRepository();
  const { merchant, secretKey } = await createMerchant({ merchants, clock: fixedClock(0) }, { name: 'Shop', livemode });
  return { merchants, merchant, secretKey };
}

describe('authenticateMerchant', () => {
  it('given a valid key, when authenticating, then the merchant and mode are known', async () => {
    const { merchants, merchant, secretKey } = await merchantWithKey(true);
    expect(await authenticateMerchant(merchants, `Bearer ${secretKey}`)).toEqual({ ok: true, value: { merchantId: merchant.id, livemode: true } });
  });

  it.each([undefined, '', 'Basic abc', 'Bearer', 'Bearer sk_test_short', 'Bearer sk_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'])('given authorization %p, then 401 invalid_api_key', async (header) => {
    const { merchants } = await merchantWithKey();
    expect(await authenticateMerchant(merchants, header)).toMatchObject({ ok: false, error: { status: 401, type: 'authentication_error', code: 'invalid_api_key' } });
  });

  it('given a revoked key, when authenticating, then 401', async () => {
    const { merchants, secretKey } = await merchantWithKey();
    expect(await revokeApiKey(merchants, secretKey)).toBe(true);
    expect(await authenticateMerchant(merchants, `Bearer ${secretKey}`)).toMatchObject({ ok: false, error: { status: 401 } });
  });

  it('when a merchant is created, then only the hash and a short prefix of the key are stored', async () => {
    const { merchants, secretKey } = await merchantWithKey();
    const [stored] = merchants.storedApiKeys();
    expect(stored.keyHash).toBe(hashApiKey(secretKey));
    expect(stored.prefix).toBe(secretKey.slice(0, 12));
    expect(JSON.stringify(merchants.storedApiKeys())).not.toContain(secretKey);
  });
});
