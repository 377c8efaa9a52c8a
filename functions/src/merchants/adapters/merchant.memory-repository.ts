import { ApiKeyRecord } from '../domain/api-key';
import { Merchant } from '../domain/merchant';
import { MerchantRepository } from '../application/merchant.repository';

export class InMemoryMerchantRepository implements MerchantRepository {
  private readonly merchants = new Map<string, Merchant>();
  private readonly keys = new Map<string, ApiKeyRecord>();

  async createMerchant(merchant: Merchant, key: ApiKeyRecord): Promise<void> {
    // Firestore's batch.create refuses existing documents, and writes neither on failure.
    if (this.merchants.has(merchant.id)) throw new Error(`merchant ${merchant.id} already exists`);
    if (this.keys.has(key.keyHash)) throw new Error('api key already exists');
    this.merchants.set(merchant.id, { ...merchant });
    this.keys.set(key.keyHash, { ...key });
  }

  async getMerchant(id: string): Promise<Merchant | null> {
    const merchant = this.merchants.get(id);
    return merchant ? { ...merchant } : null;
  }

  async findApiKey(keyHash: string): Promise<ApiKeyRecord | null> {
    const key = this.keys.get(keyHash);
    return key ? { ...key } : null;
  }

  async saveApiKey(key: ApiKeyRecord): Promise<void> {
    this.keys.set(key.keyHash, { ...key });
  }

  /** Everything stored, for tests that check what was (and was not) persisted. */
  storedApiKeys(): ApiKeyRecord[] {
    return [...this.keys.values()].map((key) => ({ ...key }));
  }

  storedMerchants(): Merchant[] {
    return [...this.merchants.values()].map((merchant) => ({ ...merchant }));
  }
}
