import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { Logger } from '../../shared/logger';

export interface EventPublisher {
  publish(event: PaymentEventV1): Promise<void>;
}

export interface OutboxStore {
  markSent(eventIds: readonly string[]): Promise<void>;
  /** Oldest first, so a payment's events go out in the order they happened. */
  pendingOlderThan(cutoffMs: number, limit: number): Promise<PaymentEventV1[]>;
}

// Events are committed with the state change (the outbox) and relayed afterwards. The fast path
// publishes right after commit; the sweep republishes anything a crash left behind. Consumers are
// idempotent, so the rare double publish (fast path and sweep racing) changes nothing.
export class OutboxRelay {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly store: OutboxStore,
    private readonly log: Logger,
  ) {}

  async publishCommitted(events: readonly PaymentEventV1[]): Promise<void> {
    try {
      for (const event of events) await this.publisher.publish(event);
    } catch (error) {
      // Not the caller's failure: the state change is committed and the sweep will publish.
      this.log.warn('outbox fast-path publish failed; the sweep will retry', { error: String(error), event_ids: events.map((e) => e.id) });
      return;
    }
    // Awaited before the caller answers: Cloud Functions throttles CPU once the response is sent,
    // so a mark left running then may never commit and the sweep would publish everything twice.
    // A failed mark is still not the caller's failure: the sweep republishes and consumers are idempotent.
    await this.store.markSent(events.map((event) => event.id)).catch((error) => this.log.warn('outbox mark-sent failed', { error: String(error) }));
  }

  async sweep(nowMs: number, graceMs: number, limit = 500): Promise<{ published: number }> {
    const pending = await this.store.pendingOlderThan(nowMs - graceMs, limit);
    const sent: string[] = [];
    for (const event of pending) {
      await this.publisher.publish(event);
      sent.push(event.id);
    }
    if (sent.length > 0) await this.store.markSent(sent);
    return { published: sent.length };
  }
}
