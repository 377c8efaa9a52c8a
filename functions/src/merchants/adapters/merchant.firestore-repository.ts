import { Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { COLLECTIONS } from '../../shared/firestore-collections';
import { API_KEY_SCOPES, type ApiKeyScope } from '../../shared/merchant-access';
import { ApiKeyRecord } from '../domain/api-key';
import { Merchant } from '../domain/merchant';
import { MerchantRepository } from '../application/merchant.repository';

// Keys stored before keys had ids, kinds and scopes read as the secret keys they were.
export const ApiKeyDocument = z
  .object({
    id: z.string().optional(),
    keyHash: z.string(),
    merchantId: z.string(),
    livemode: z.boolean(),
    kind: z.enum(['secret', 'restricted']).default('secret'),
    scopes: z.array(z.enum(API_KEY_SCOPES as [ApiKeyScope, ...ApiKeyScope[]])).default([]),
    name: z.string().nullable().default(null),
    prefix: z.string(),
    last4: z.string().default('????'),
    revoked: z.boolean(),
    expiresMs: z.number().int().nullable().default(null),
    createdMs: z.number().int(),
  })
  .transform((d): ApiKeyRecord => ({ ...d, id: d.id ?? `key_${d.keyHash.slice(0, 24)}` }));

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
