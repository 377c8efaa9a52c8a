import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { OutboxStore } from '../application/outbox-relay';
import { outboxDocument, OutboxDocument } from './outbox.document';

/** The outbox collection in memory: the memory payment repository appends to it on commit. */
export class InMemoryOutboxStore implements OutboxStore {
  private readonly documents = new Map<string, OutboxDocument>();

  /** Same document shape as Firestore, so createdMs comes from the event time there too. */
  append(events: readonly PaymentEventV1[]): void {
    for (const event of events) this.documents.set(event.id, structuredClone(outboxDocument(event)));
  }

  async markSent(eventIds: readonly string[]): Promise<void> {
    for (const id of eventIds) {
      const doc = this.documents.get(id);
      // Firestore's batch.update fails on a missing document; so does this.
      if (!doc) throw new Error(`outbox document ${id} does not exist`);
      this.documents.set(id, { ...doc, status: 'sent' });
    }
  }

  async pendingOlderThan(cutoffMs: number, limit: number): Promise<PaymentEventV1[]> {
    // Insertion order breaks createdMs ties, as a payment's events share a millisecond.
    return [...this.documents.values()]
      .filter((doc) => doc.status === 'pending' && doc.createdMs <= cutoffMs)
      .sort((a, b) => a.createdMs - b.createdMs)
      .slice(0, limit)
      .map((doc) => structuredClone(doc.event));
  }

  all(): OutboxDocument[] {
    return [...this.documents.values()].map((doc) => structuredClone(doc));
  }

  statusOf(eventId: string): OutboxDocument['status'] | undefined {
    return this.documents.get(eventId)?.status;
  }
}
