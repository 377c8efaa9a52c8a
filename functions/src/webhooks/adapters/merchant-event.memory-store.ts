import type { MerchantContext } from '../../shared/merchant-context';
import type { EventFilter, EventPage, MerchantEventStore } from '../application/merchant-event.store';
import type { DeliveryAttempt, EndpointHealth } from '../domain/delivery-attempt';
import type { MerchantEvent } from '../domain/merchant-event';

const belongs = (event: { merchantId: string; livemode: boolean }, merchant: MerchantContext) => event.merchantId === merchant.merchantId && event.livemode === merchant.livemode;
const newestFirst = (a: MerchantEvent, b: MerchantEvent) => b.createdMs - a.createdMs || (a.id < b.id ? 1 : -1);

/** The same store in memory, with the Firestore store's semantics (create once, filters, newest first), for unit tests. */
export class InMemoryMerchantEventStore implements MerchantEventStore {
  readonly events = new Map<string, MerchantEvent>();
  readonly attempts: DeliveryAttempt[] = [];
  readonly healths = new Map<string, EndpointHealth>();

  async createOnce(event: MerchantEvent): Promise<{ created: boolean; event: MerchantEvent }> {
    const stored = this.events.get(event.id);
    if (stored) return { created: false, event: stored };
    this.events.set(event.id, event);
    return { created: true, event };
  }

  async get(merchant: MerchantContext, id: string): Promise<MerchantEvent | null> {
    const event = this.events.get(id);
    return event && belongs(event, merchant) ? event : null;
  }

  async getById(id: string): Promise<MerchantEvent | null> {
    return this.events.get(id) ?? null;
  }

  async list(merchant: MerchantContext, filter: EventFilter): Promise<EventPage> {
    const matches = (e: MerchantEvent) =>
      belongs(e, merchant) &&
      (!filter.type || (filter.type.endsWith('.*') ? e.type.startsWith(filter.type.slice(0, -1)) : e.type === filter.type)) &&
      (filter.createdGteMs === undefined || e.createdMs >= filter.createdGteMs) &&
      (filter.createdLteMs === undefined || e.createdMs <= filter.createdLteMs);
    // The cursor is a position (created, id) like Firestore's startAfter(snapshot): it need not match the filter.
    const cursor = filter.startingAfter === undefined ? undefined : this.events.get(filter.startingAfter);
    if (filter.startingAfter !== undefined && !(cursor && belongs(cursor, merchant))) return { events: [], hasMore: false };
    const all = [...this.events.values()].filter((e) => matches(e) && (!cursor || (e.id !== cursor.id && newestFirst(cursor, e) < 0))).sort(newestFirst);
    return { events: all.slice(0, filter.limit), hasMore: filter.limit < all.length };
  }

  async markDelivered(eventId: string, endpointId: string): Promise<void> {
    const event = this.events.get(eventId);
    if (event) this.events.set(eventId, { ...event, pendingEndpointIds: event.pendingEndpointIds.filter((id) => id !== endpointId) });
  }

  async recordAttempt(attempt: DeliveryAttempt): Promise<void> {
    this.attempts.push(attempt);
  }

  async listAttempts(merchant: MerchantContext, eventId: string, filter: { endpointId?: string; limit: number }): Promise<DeliveryAttempt[]> {
    return this.attempts
      .filter((a) => a.eventId === eventId && belongs(a, merchant) && (!filter.endpointId || a.endpointId === filter.endpointId))
      .sort((a, b) => b.attemptedAtMs - a.attemptedAtMs)
      .slice(0, filter.limit);
  }

  async health(endpointId: string): Promise<EndpointHealth | null> {
    return this.healths.get(endpointId) ?? null;
  }

  async saveHealth(health: EndpointHealth): Promise<void> {
    this.healths.set(health.endpointId, health);
  }
}
