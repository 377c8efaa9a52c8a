import { newApiKeyRecord } from '../domain/api-key';
import { CachedMerchantRepository } from './merchant.cached-repository';
import { InMemoryMerchantRepository } from './merchant.memory-repository';

const KEY = 'sk_test_' + 'a'.repeat(32);

describe('cached API key lookups', () => {
  it('given a valid key looked up twice within the TTL, then the store is read once', async () => {
    const inner = new InMemoryMerchantRepository();
    await inner.createMerchant({ id: 'acct_1', name: 'A', createdMs: 0 }, newApiKeyRecord(KEY, 'acct_1', 0));
    const reads = jest.spyOn(inner, 'findApiKey');
    const cached = new CachedMerchantRepository(inner, 10_000);
    const hash = newApiKeyRecord(KEY, 'acct_1', 0).keyHash;
    await cached.findApiKey(hash);
    expect(await cached.findApiKey(hash)).toMatchObject({ merchantId: 'acct_1' });
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('given a key revoked through this instance, then the next lookup sees the revocation', async () => {
    const inner = new InMemoryMerchantRepository();
    const record = newApiKeyRecord(KEY, 'acct_1', 0);
    await inner.createMerchant({ id: 'acct_1', name: 'A', createdMs: 0 }, record);
    const cached = new CachedMerchantRepository(inner);
    await cached.findApiKey(record.keyHash);
    await cached.saveApiKey({ ...record, revoked: true });
    expect(await cached.findApiKey(record.keyHash)).toMatchObject({ revoked: true });
  });

  it('given the TTL has passed, then the key is read again', async () => {
    const inner = new InMemoryMerchantRepository();
    const record = newApiKeyRecord(KEY, 'acct_1', 0);
    await inner.createMerchant({ id: 'acct_1', name: 'A', createdMs: 0 }, record);
    let now = 0;
    const cached = new CachedMerchantRepository(inner, 1_000, 100, () => now);
    await cached.findApiKey(record.keyHash);
    await inner.saveApiKey({ ...record, revoked: true });
    now = 1_001;
    expect(await cached.findApiKey(record.keyHash)).toMatchObject({ revoked: true });
  });
});
