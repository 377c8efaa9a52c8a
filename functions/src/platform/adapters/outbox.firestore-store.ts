import { Firestore } from 'firebase-admin/firestore';
import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { OutboxStore } from '../application/outbox-relay';
import { COLLECTIONS } from './firestore-collections';
import { OutboxDocument } from './outbox.document';

export class FirestoreOutboxStore implements OutboxStore {
  constructor(private readonly db: Firestore) {}

  async markSent(eventIds: readonly string[]): Promise<void> {
    const batch = this.db.batch();
    const sentMs = Date.now();
    for (const id of eventIds) batch.update(this.db.collection(COLLECTIONS.outbox).doc(id), { status: 'sent', sentMs });
    await batch.commit();
  }

  async pendingOlderThan(cutoffMs: number, limit: number): Promise<PaymentEventV1[]> {
    const snap = await this.db
      .collection(COLLECTIONS.outbox)
      .where('status', '==', 'pending')
      .where('createdMs', '<=', cutoffMs)
      .orderBy('createdMs', 'asc')
      .limit(limit)
      .get();
    return snap.docs.map((doc) => OutboxDocument.parse(doc.data()).event);
  }
}
