import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { Logger } from '../../shared/logger';
import { TaskIntent, TaskQueue } from './task-queue';

export interface EventPublisher {
  publish(event: PaymentEventV1): Promise<void>;
}

/** The events one commit recorded, kept in one outbox document until they are published. */
export interface OutboxEntry {
  readonly id: string;
  readonly events: readonly PaymentEventV1[];
}

export interface OutboxStore {
  markSent(entryIds: readonly string[]): Promise<void>;
  /** Oldest first, so a payment's events go out in the order they happened. */
  pendingOlderThan(cutoffMs: number, limit: number): Promise<OutboxEntry[]>;
}

/**
 * The events worth an outbox write: those whose type some consumer subscribes to (`published`, from the
 * catalogue), or all of them when no set is given. An event nobody reads would cost an outbox write, a
 * mark and a Pub/Sub message for no reader.
 */
export const publishedOnly = <E extends { type: string }>(events: readonly E[], published: ReadonlySet<string> | undefined): E[] =>
  published ? events.filter((event) => published.has(event.type)) : [...events];

/** What a transaction leaves to do once it has committed. */
export interface Committed {
  readonly outbox: OutboxEntry | null;
  readonly tasks: readonly TaskIntent[];
}

// Events are committed with the state change (the outbox) and relayed afterwards; the next step of
// a chain is handed over the same way, as a named Cloud Task created right after the commit (no
// Pub/Sub round trip through a router). The fast path runs before the caller answers; the sweeps
// catch what a crash leaves behind: this relay's sweep republishes pending events, and the payment
// sweep (sweep-stuck-payments) re-creates the task a payment's committed state says it is owed.
// Task names are unique, and consumers idempotent, so a double hand-off or publish changes nothing.
export class OutboxRelay {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly store: OutboxStore,
    private readonly tasks: TaskQueue,
    private readonly log: Logger,
  ) {}

  /** Hands over the committed tasks and publishes the committed events, concurrently; never throws. */
  async afterCommit(committed: Committed): Promise<void> {
    await Promise.all([this.handOff(committed.tasks), committed.outbox ? this.publishCommitted(committed.outbox) : Promise.resolve()]);
  }

  async publishCommitted(entry: OutboxEntry): Promise<void> {
    try {
      for (const event of entry.events) await this.publisher.publish(event);
    } catch (error) {
      // Not the caller's failure: the state change is committed and the sweep will publish.
      this.log.warn('outbox fast-path publish failed; the sweep will retry', { error: String(error), event_ids: entry.events.map((e) => e.id) });
      return;
    }
    // Awaited before the caller answers: Cloud Functions throttles CPU once the response is sent,
    // so a mark left running then may never commit and the sweep would publish everything twice.
    // A failed mark is still not the caller's failure: the sweep republishes and consumers are idempotent.
    await this.store.markSent([entry.id]).catch((error) => this.log.warn('outbox mark-sent failed', { error: String(error) }));
  }

  async sweep(nowMs: number, graceMs: number, limit = 500): Promise<{ published: number }> {
    const pending = await this.store.pendingOlderThan(nowMs - graceMs, limit);
    const sent: string[] = [];
    let published = 0;
    for (const entry of pending) {
      for (const event of entry.events) await this.publisher.publish(event);
      published += entry.events.length;
      sent.push(entry.id);
    }
    if (sent.length > 0) await this.store.markSent(sent);
    return { published };
  }

  private async handOff(tasks: readonly TaskIntent[]): Promise<void> {
    await Promise.all(
      tasks.map((task) =>
        (task.delaySeconds ? this.tasks.enqueue(task.queue, task.name, task.payload, { delaySeconds: task.delaySeconds }) : this.tasks.enqueue(task.queue, task.name, task.payload)).catch((error) => {
          // Committed state still names the step: the payment sweep re-creates this task.
          this.log.warn('task hand-off failed; the sweep re-creates it', { error: String(error), queue: task.queue, task: task.name });
        }),
      ),
    );
  }
}
