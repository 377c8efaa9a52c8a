import { ApiKeyRecord } from '../domain/api-key';
import { Merchant } from '../domain/merchant';

export interface MerchantRepository {
  createMerchant(merchant: Merchant, key: ApiKeyRecord): Promise<void>;
  getMerchant(id: string): Promise<Merchant | null>;
  findApiKey(keyHash: string): Promise<ApiKeyRecord | null>;
  saveApiKey(key: ApiKeyRecord): Promise<void>;
}
