import { MerchantRepository } from './merchant.repository';

/**
 * Where a merchant does business (ISO 3166-1 alpha-2), as the merchants context answers it to the
 * gates and the AML monitor: undefined for a merchant without a country (or unknown), which callers
 * read as DEFAULT_MERCHANT_COUNTRY.
 */
export interface MerchantCountries {
  countryOf(merchantId: string): Promise<string | undefined>;
}

/** Merchants created before the country existed are taken to be registered here. */
export const DEFAULT_MERCHANT_COUNTRY = 'US';

/** The merchant's country, with the default for one that has none. */
export async function countryOfBusiness(merchants: MerchantCountries, merchantId: string): Promise<string> {
  return (await merchants.countryOf(merchantId))?.toUpperCase() ?? DEFAULT_MERCHANT_COUNTRY;
}

/**
 * Reads the country from the merchant document. Every gated payment asks, so the answer is kept per
 * instance for `ttlMs`: a country changes about never, and a change reaches every instance within the TTL.
 * Only merchants that exist are kept.
 */
export function merchantCountriesFrom(
  merchants: Pick<MerchantRepository, 'getMerchant'>,
  options: { ttlMs?: number; maxEntries?: number; nowMs?: () => number } = {},
): MerchantCountries {
  const ttlMs = options.ttlMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const nowMs = options.nowMs ?? Date.now;
  const cache = new Map<string, { country: string | undefined; expiresMs: number }>();
  return {
    async countryOf(merchantId) {
      const cached = cache.get(merchantId);
      if (cached && cached.expiresMs > nowMs()) return cached.country;
      const merchant = await merchants.getMerchant(merchantId);
      if (!merchant) return undefined;
      if (cache.size >= maxEntries) cache.clear();
      cache.set(merchantId, { country: merchant.country, expiresMs: nowMs() + ttlMs });
      return merchant.country;
    },
  };
}
