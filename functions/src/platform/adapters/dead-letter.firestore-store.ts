import { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../../shared/firestore-collections';

// Messages that can never succeed (malformed, or about something that does not exist) are kept
// here for an operator and acknowledged, instead of being redelivered forever.
export interface DeadLetterStore {
  record(entry: { source: string; messageId: string; reason: string; payload: unknown }): Promise<void>;
}

export class FirestoreDeadLetterStore implements DeadLetterStore {
  constructor(private readonly db: Firestore) {}

  async record(entry: { source: string; messageId: string; reason: string; payload: unknown }): Promise<void> {
    const id = `${entry.source}_${entry.messageId}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 200);
    await this.db.collection(COLLECTIONS.deadLetters).doc(id).set({ ...entry, payload: JSON.stringify(entry.payload ?? null).slice(0, 10_000), recordedMs: Date.now() });
  }
}
