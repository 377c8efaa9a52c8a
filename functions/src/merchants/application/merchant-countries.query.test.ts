import { InMemoryMerchantRepository } from '../adapters/merchant.memory-repository';
import { newApiKeyRecord } from '../domain/api-key';
import { countryOfBusiness, merchantCountriesFrom } from './merchant-countries.query';

async function repositoryWith(country: string | undefined) {
  const merchants = new InMemoryMerchantRepository();
  await merchants.createMerchant({ id: 'acct_1', name: 'Shop', country, createdMs: 0 }, newApiKeyRecord('sk_test_1', 'acct_1', 0));
  const reads = { count: 0 };
  return { merchants, reads, counted: { getMerchant: (id: string) => (reads.count++, merchants.getMerchant(id)) } };
}

describe('merchant countries', () => {
  it('given a merchant in DE, then its country of business is DE; without a country it is the default US', async () => {
    expect(await countryOfBusiness(merchantCountriesFrom((await repositoryWith('DE')).merchants), 'acct_1')).toBe('DE');
    expect(await countryOfBusiness(merchantCountriesFrom((await repositoryWith(undefined)).merchants), 'acct_1')).toBe('US');
    expect(await countryOfBusiness(merchantCountriesFrom((await repositoryWith('DE')).merchants), 'acct_unknown')).toBe('US');
  });

  it('given repeated questions within the TTL, then the merchant document is read once, and again after the TTL', async () => {
    const { counted, reads } = await repositoryWith('FR');
    let now = 1_000;
    const countries = merchantCountriesFrom(counted, { ttlMs: 60_000, nowMs: () => now });
    for (let i = 0; i < 5; i++) expect(await countries.countryOf('acct_1')).toBe('FR');
    expect(reads.count).toBe(1);
    now += 60_001;
    expect(await countries.countryOf('acct_1')).toBe('FR');
    expect(reads.count).toBe(2);
  });

  it('given an unknown merchant, then nothing is cached: the merchant created next is found at once', async () => {
    const merchants = new InMemoryMerchantRepository();
    const countries = merchantCountriesFrom(merchants);
    expect(await countries.countryOf('acct_2')).toBeUndefined();
    await merchants.createMerchant({ id: 'acct_2', name: 'New', country: 'JP', createdMs: 0 }, newApiKeyRecord('sk_test_2', 'acct_2', 0));
    expect(await countries.countryOf('acct_2')).toBe('JP');
  });
});
