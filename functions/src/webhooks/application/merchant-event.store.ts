import type { MerchantContext } from '../../shared/merchant-context';
import type { DeliveryAttempt, EndpointHealth } from '../domain/delivery-attempt';
import type { MerchantEvent } from '../domain/merchant-event';

export interface EventPage {
  readonly events: MerchantEvent[];
  readonly hasMore: boolean;
}

export interface EventFilter {
  /** An exact type, `<group>.*` or `*` (or absent: every type). */
  readonly type?: string;
  readonly createdGteMs?: number;
  readonly createdLteMs?: number;
  readonly limit: number;
  readonly startingAfter?: string;
}

/** Port: the stored merchant events, their delivery attempts and the endpoints' delivery health. */
export interface MerchantEventStore {
  /** Creates the event unless one with its id exists; answers the stored one (so a redelivered domain event changes nothing). */
  createOnce(event: MerchantEvent): Promise<{ created: boolean; event: MerchantEvent }>;
  get(merchant: MerchantContext, id: string): Promise<MerchantEvent | null>;
  /** By id alone, for the delivery task (which checks merchant and mode). */
  getById(id: string): Promise<MerchantEvent | null>;
  /** Newest first. */
  list(merchant: MerchantContext, filter: EventFilter): Promise<EventPage>;
  /** The endpoint answered 2xx: it no longer counts in pending_webhooks. */
  markDelivered(eventId: string, endpointId: string): Promise<void>;

  recordAttempt(attempt: DeliveryAttempt): Promise<void>;
  /** Newest first. */
  listAttempts(merchant: MerchantContext, eventId: string, filter: { endpointId?: string; limit: number }): Promise<DeliveryAttempt[]>;

  health(endpointId: string): Promise<EndpointHealth | null>;
  saveHealth(health: EndpointHealth): Promise<void>;
}
