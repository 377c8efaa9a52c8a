import { Firestore, Transaction } from 'firebase-admin/firestore';
import { IdempotencyDocument, idempotencyDocId } from '../../platform/adapters/idempotency.document';
import type { IdempotencyRecord, TransactionRunner } from '../../platform/application/idempotency';
import { COLLECTIONS } from '../../shared/firestore-collections';
import type { MerchantContext } from '../../shared/merchant-context';
import type { WebhookEndpointReader, WebhooksTransaction } from '../application/webhook-endpoint.repository';
import { MAX_ENDPOINTS_PER_MODE, newestFirst, WebhookEndpoint } from '../domain/webhook-endpoint';
import { endpointDocument, endpointFromDocument } from './webhook-endpoint.documents';

const belongs = (endpoint: WebhookEndpoint, merchant: MerchantContext) => endpoint.merchantId === merchant.merchantId && endpoint.livemode === merchant.livemode;

/** The merchant API's transaction: reads first, writes staged and applied after every read (as Firestore requires). */
class FirestoreWebhooksTransaction implements WebhooksTransaction {
  private readonly writes: Array<(t: Transaction) => void> = [];

  constructor(
    private readonly db: Firestore,
    private readonly t: Transaction,
  ) {}

  async getEndpoint(merchant: MerchantContext, id: string): Promise<WebhookEndpoint | null> {
    const snap = await this.t.get(this.db.collection(COLLECTIONS.webhookEndpoints).doc(id));
    if (!snap.exists) return null;
    const endpoint = endpointFromDocument(id, snap.data());
    return belongs(endpoint, merchant) ? endpoint : null;
  }

  async countEndpoints(merchant: MerchantContext): Promise<number> {
    const snap = await this.t.get(this.db.collection(COLLECTIONS.webhookEndpoints).where('merchant_id', '==', merchant.merchantId).where('livemode', '==', merchant.livemode).limit(MAX_ENDPOINTS_PER_MODE + 1));
    return snap.size;
  }

  saveEndpoint(endpoint: WebhookEndpoint): void {
    this.writes.push((t) => t.set(this.db.collection(COLLECTIONS.webhookEndpoints).doc(endpoint.id), endpointDocument(endpoint)));
  }

  deleteEndpoint(endpoint: WebhookEndpoint): void {
    this.writes.push((t) => t.delete(this.db.collection(COLLECTIONS.webhookEndpoints).doc(endpoint.id)));
  }

  async getIdempotencyRecord(merchantId: string, keyHash: string): Promise<IdempotencyRecord | null> {
    const snap = await this.t.get(this.db.collection(COLLECTIONS.idempotencyKeys).doc(idempotencyDocId(merchantId, keyHash)));
    return snap.exists ? IdempotencyDocument.parse(snap.data()) : null;
  }

  saveIdempotencyRecord(record: IdempotencyRecord): void {
    const ref = this.db.collection(COLLECTIONS.idempotencyKeys).doc(idempotencyDocId(record.merchantId, record.keyHash));
    this.writes.push((t) => t.set(ref, { ...record, body: JSON.stringify(record.body), expiresAt: new Date(record.expiresMs) }));
  }

  apply(): void {
    for (const write of this.writes) write(this.t);
  }
}

/** Endpoints in Firestore (`webhook_endpoints/{we_…}`): the API's transactions and the reads of the fan-out and the delivery. */
export class FirestoreWebhookEndpointStore implements TransactionRunner<WebhooksTransaction>, WebhookEndpointReader {
  constructor(private readonly db: Firestore) {}

  transaction<T>(work: (tx: WebhooksTransaction) => Promise<T>): Promise<T> {
    return this.db.runTransaction(async (t) => {
      const tx = new FirestoreWebhooksTransaction(this.db, t);
      const result = await work(tx);
      tx.apply();
      return result;
    });
  }

  async get(merchant: MerchantContext, id: string): Promise<WebhookEndpoint | null> {
    const endpoint = await this.getById(id);
    return endpoint && belongs(endpoint, merchant) ? endpoint : null;
  }

  async getById(id: string): Promise<WebhookEndpoint | null> {
    const snap = await this.db.collection(COLLECTIONS.webhookEndpoints).doc(id).get();
    return snap.exists ? endpointFromDocument(id, snap.data()) : null;
  }

  async list(merchant: MerchantContext, page: { limit: number; startingAfter?: string }): Promise<{ endpoints: WebhookEndpoint[]; hasMore: boolean }> {
    // At most 16 per mode: read them all and page in memory (no composite index needed).
    const all = await this.listAll(merchant);
    const start = page.startingAfter ? all.findIndex((e) => e.id === page.startingAfter) + 1 : 0;
    const slice = all.slice(start, start + page.limit);
    return { endpoints: slice, hasMore: start + page.limit < all.length };
  }

  async listAll(merchant: MerchantContext): Promise<WebhookEndpoint[]> {
    const snap = await this.db.collection(COLLECTIONS.webhookEndpoints).where('merchant_id', '==', merchant.merchantId).where('livemode', '==', merchant.livemode).get();
    return snap.docs.map((doc) => endpointFromDocument(doc.id, doc.data())).sort(newestFirst);
  }

  async disableFailing(id: string, nowMs: number): Promise<boolean> {
    return this.db.runTransaction(async (t) => {
      const ref = this.db.collection(COLLECTIONS.webhookEndpoints).doc(id);
      const snap = await t.get(ref);
      if (!snap.exists) return false;
      const endpoint = endpointFromDocument(id, snap.data());
      if (endpoint.status !== 'enabled') return false;
      t.set(ref, endpointDocument({ ...endpoint, status: 'disabled', disabledReason: 'failing', updatedMs: nowMs }));
      return true;
    });
  }
}

