import { FieldValue, Firestore, Query } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../../shared/firestore-collections';
import type { MerchantContext } from '../../shared/merchant-context';
import type { EventFilter, EventPage, MerchantEventStore } from '../application/merchant-event.store';
import type { DeliveryAttempt, EndpointHealth } from '../domain/delivery-attempt';
import type { MerchantEvent } from '../domain/merchant-event';
import { attemptDocument, attemptFromDocument, eventDocument, eventFromDocument, healthDocument, healthFromDocument } from './merchant-event.documents';

const ALREADY_EXISTS = 6;
const belongs = (event: { merchantId: string; livemode: boolean }, merchant: MerchantContext) => event.merchantId === merchant.merchantId && event.livemode === merchant.livemode;

/**
 * Events, attempts and health in Firestore. No transactions: an event is created once (create() refuses a
 * second), a delivery removes its endpoint from the pending list with arrayRemove, attempts are new
 * documents, and health is one small document per endpoint — so concurrent deliveries never contend for a lock.
 */
export class FirestoreMerchantEventStore implements MerchantEventStore {
  constructor(private readonly db: Firestore) {}

  private get events() {
    return this.db.collection(COLLECTIONS.merchantEvents);
  }

  async createOnce(event: MerchantEvent): Promise<{ created: boolean; event: MerchantEvent }> {
    try {
      await this.events.doc(event.id).create(eventDocument(event));
      return { created: true, event };
    } catch (error) {
      if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
      const stored = await this.getById(event.id);
      if (!stored) throw new Error(`event ${event.id} exists but cannot be read`);
      return { created: false, event: stored };
    }
  }

  async get(merchant: MerchantContext, id: string): Promise<MerchantEvent | null> {
    const event = await this.getById(id);
    return event && belongs(event, merchant) ? event : null;
  }

  async getById(id: string): Promise<MerchantEvent | null> {
    const snap = await this.events.doc(id).get();
    return snap.exists ? eventFromDocument(id, snap.data()) : null;
  }

  async list(merchant: MerchantContext, filter: EventFilter): Promise<EventPage> {
    let query: Query = this.events.where('merchant_id', '==', merchant.merchantId).where('livemode', '==', merchant.livemode);
    if (filter.type?.endsWith('.*')) query = query.where('type_group', '==', filter.type.slice(0, -2));
    else if (filter.type) query = query.where('type', '==', filter.type);
    if (filter.createdGteMs !== undefined) query = query.where('created_ms', '>=', filter.createdGteMs);
    if (filter.createdLteMs !== undefined) query = query.where('created_ms', '<=', filter.createdLteMs);
    query = query.orderBy('created_ms', 'desc');
    if (filter.startingAfter) {
      const cursor = await this.events.doc(filter.startingAfter).get();
      if (!cursor.exists || !belongs(eventFromDocument(cursor.id, cursor.data()), merchant)) return { events: [], hasMore: false };
      query = query.startAfter(cursor);
    }
    const snap = await query.limit(filter.limit + 1).get();
    const events = snap.docs.slice(0, filter.limit).map((doc) => eventFromDocument(doc.id, doc.data()));
    return { events, hasMore: snap.size > filter.limit };
  }

  async markDelivered(eventId: string, endpointId: string): Promise<void> {
    await this.events.doc(eventId).update({ pending_endpoint_ids: FieldValue.arrayRemove(endpointId) });
  }

  async recordAttempt(attempt: DeliveryAttempt): Promise<void> {
    await this.db.collection(COLLECTIONS.webhookDeliveryAttempts).doc(attempt.id).set(attemptDocument(attempt));
  }

  async listAttempts(merchant: MerchantContext, eventId: string, filter: { endpointId?: string; limit: number }): Promise<DeliveryAttempt[]> {
    let query: Query = this.db.collection(COLLECTIONS.webhookDeliveryAttempts).where('event_id', '==', eventId).where('merchant_id', '==', merchant.merchantId).where('livemode', '==', merchant.livemode);
    if (filter.endpointId) query = query.where('endpoint_id', '==', filter.endpointId);
    const snap = await query.orderBy('attempted_at_ms', 'desc').limit(filter.limit).get();
    return snap.docs.map((doc) => attemptFromDocument(doc.id, doc.data()));
  }

  async health(endpointId: string): Promise<EndpointHealth | null> {
    const snap = await this.db.collection(COLLECTIONS.webhookEndpointHealth).doc(endpointId).get();
    return snap.exists ? healthFromDocument(endpointId, snap.data()) : null;
  }

  async saveHealth(health: EndpointHealth): Promise<void> {
    await this.db.collection(COLLECTIONS.webhookEndpointHealth).doc(health.endpointId).set(healthDocument(health));
  }
}
