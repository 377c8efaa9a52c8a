import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { OutboxEntry, OutboxStore } from '../application/outbox-relay';
import { outboxDocument, OutboxDocument, outboxEntryId } from './outbox.document';

/** The outbox collection in memory: the memory payment repository appends to it on commit. */
export class InMemoryOutboxStore implements OutboxStore {
  private readonly documents = new Map<string, OutboxDocument>();

  /** One document per commit, the same shape as Firestore's, so createdMs comes from the first event's time. */
  append(events: readonly PaymentEventV1[]): OutboxEntry | null {
    if (events.length === 0) return null;
    const id = outboxEntryId(events);
    this.documents.set(id, structuredClone(outboxDocument(events)));
    return { id, events: structuredClone([...events]) };
  }

  async markSent(entryIds: readonly string[]): Promise<void> {
    for (const id of entryIds) {
      const doc = this.documents.get(id);
      // Firestore's batch.update fails on a missing document; so does this.
      if (!doc) throw new Error(`outbox document ${id} does not exist`);
      this.documents.set(id, { ...doc, status: 'sent' });
    }
  }

  async pendingOlderThan(cutoffMs: number, limit: number): Promise<OutboxEntry[]> {
    // Insertion order breaks createdMs ties, as a payment's commits can share a millisecond.
    return [...this.documents.entries()]
      .filter(([, doc]) => doc.status === 'pending' && doc.createdMs <= cutoffMs)
      .sort(([, a], [, b]) => a.createdMs - b.createdMs)
      .slice(0, limit)
      .map(([id, doc]) => ({ id, events: structuredClone(doc.events) }));
  }

  all(): OutboxDocument[] {
    return [...this.documents.values()].map((doc) => structuredClone(doc));
  }

  /** The status of the outbox document holding this event. */
  statusOf(eventId: string): OutboxDocument['status'] | undefined {
    return [...this.documents.values()].find((doc) => doc.events.some((event) => event.id === eventId))?.status;
  }
}
