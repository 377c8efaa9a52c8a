import { Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { COLLECTIONS } from '../../shared/firestore-collections';
import { ApiKeyRecord } from '../domain/api-key';
import { Merchant } from '../domain/merchant';
import { MerchantRepository } from '../application/merchant.repository';

const ApiKeyDocument = z.object({
  keyHash: z.string(),
  merchantId: z.string(),
  livemode: z.boolean(),
  prefix: z.string(),
  revoked: z.boolean(),
  createdMs: z.number().int(),
});

const MerchantDocument = z.object({ id: z.string(), name: z.string(), country: z.string().optional(), createdMs: z.number().int() });

export class FirestoreMerchantRepository implements MerchantRepository {
  constructor(private readonly db: Firestore) {}

  async createMerchant(merchant: Merchant, key: ApiKeyRecord): Promise<void> {
    const batch = this.db.batch();
    batch.create(this.db.collection(COLLECTIONS.merchants).doc(merchant.id), merchant);
    batch.create(this.db.collection(COLLECTIONS.apiKeys).doc(key.keyHash), key);
    await batch.commit();
  }

  async getMerchant(id: string): Promise<Merchant | null> {
    const snap = await this.db.collection(COLLECTIONS.merchants).doc(id).get();
    return snap.exists ? MerchantDocument.parse(snap.data()) : null;
  }

  async findApiKey(keyHash: string): Promise<ApiKeyRecord | null> {
    const snap = await this.db.collection(COLLECTIONS.apiKeys).doc(keyHash).get();
    return snap.exists ? ApiKeyDocument.parse(snap.data()) : null;
  }

  async saveApiKey(key: ApiKeyRecord): Promise<void> {
    await this.db.collection(COLLECTIONS.apiKeys).doc(key.keyHash).set(key);
  }
}
