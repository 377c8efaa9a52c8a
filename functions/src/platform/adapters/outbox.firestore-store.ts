import { Firestore } from 'firebase-admin/firestore';
import { OutboxEntry, OutboxStore } from '../application/outbox-relay';
import { COLLECTIONS } from '../../shared/firestore-collections';
import { OutboxDocument } from './outbox.document';

// Concurrent requests share one batch commit to mark their events sent: under load a single
// commit covers many payments instead of one commit each.
const FLUSH_AFTER_MS = 5;
const MAX_BATCH = 450;
/** Sent events are kept a week for tracing, then Firestore's TTL policy on `expiresAt` deletes them; pending ones never expire. */
export const SENT_EVENT_RETENTION_MS = 7 * 86_400_000;

type Waiter = { resolve: () => void; reject: (error: unknown) => void };

export class FirestoreOutboxStore implements OutboxStore {
  private pending: { ids: string[]; waiters: Waiter[] } | null = null;

  constructor(private readonly db: Firestore) {}

  markSent(entryIds: readonly string[]): Promise<void> {
    if (!this.pending) {
      this.pending = { ids: [], waiters: [] };
      setTimeout(() => void this.flush(), FLUSH_AFTER_MS);
    }
    const batch = this.pending;
    batch.ids.push(...entryIds);
    const done = new Promise<void>((resolve, reject) => batch.waiters.push({ resolve, reject }));
    if (batch.ids.length >= MAX_BATCH) void this.flush();
    return done;
  }

  async pendingOlderThan(cutoffMs: number, limit: number): Promise<OutboxEntry[]> {
    const snap = await this.db
      .collection(COLLECTIONS.outbox)
      .where('status', '==', 'pending')
      .where('createdMs', '<=', cutoffMs)
      .orderBy('createdMs', 'asc')
      .limit(limit)
      .get();
    return snap.docs.map((doc) => ({ id: doc.id, events: OutboxDocument.parse(doc.data()).events }));
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    if (!batch) return;
    this.pending = null;
    try {
      const write = this.db.batch();
      const sentMs = Date.now();
      const expiresAt = new Date(sentMs + SENT_EVENT_RETENTION_MS);
      for (const id of batch.ids) write.update(this.db.collection(COLLECTIONS.outbox).doc(id), { status: 'sent', sentMs, expiresAt });
      await write.commit();
      batch.waiters.forEach((w) => w.resolve());
    } catch (error) {
      batch.waiters.forEach((w) => w.reject(error));
    }
  }
}
