import { ApiKeyRecord } from '../domain/api-key';
import { Merchant } from '../domain/merchant';
import { MerchantRepository } from '../application/merchant.repository';

// Every API request looks its key up; a short per-instance cache takes that read off the hot
// path. Only valid keys are cached, and for at most `ttlMs`: a revoked key stops working on this
// instance at once and on every other instance within the TTL.
export class CachedMerchantRepository implements MerchantRepository {
  private readonly keys = new Map<string, { record: ApiKeyRecord; expiresMs: number }>();

  constructor(
    private readonly inner: MerchantRepository,
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 10_000,
    private readonly nowMs: () => number = Date.now,
  ) {}

  createMerchant(merchant: Merchant, key: ApiKeyRecord): Promise<void> {
    return this.inner.createMerchant(merchant, key);
  }

  getMerchant(merchantId: string): Promise<Merchant | null> {
    return this.inner.getMerchant(merchantId);
  }

  async findApiKey(keyHash: string): Promise<ApiKeyRecord | null> {
    const cached = this.keys.get(keyHash);
    if (cached && cached.expiresMs > this.nowMs()) return cached.record;
    const record = await this.inner.findApiKey(keyHash);
    if (record && !record.revoked) {
      if (this.keys.size >= this.maxEntries) this.keys.clear();
      this.keys.set(keyHash, { record, expiresMs: this.nowMs() + this.ttlMs });
    } else {
      this.keys.delete(keyHash);
    }
    return record;
  }

  async saveApiKey(key: ApiKeyRecord): Promise<void> {
    this.keys.delete(key.keyHash);
    await this.inner.saveApiKey(key);
  }
}
