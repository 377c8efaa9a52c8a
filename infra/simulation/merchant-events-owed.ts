import type { Firestore } from 'firebase-admin/firestore';
import { OutboxDocument } from '../../functions/src/platform/adapters/outbox.document';
import { COLLECTIONS } from '../../functions/src/shared/firestore-collections';
import { toMerchantEvent } from '../../functions/src/webhooks/application/merchant-event.mapping';

/**
 * The published domain events that should have become merchant events (same id) and have not yet. A
 * message the Pub/Sub emulator or the push bridge holds back (measured: delivered 17 s after its
 * publish, once the rest of the stack was quiet) writes nothing while it waits, so a quiet Firestore
 * does not prove every event reached its consumer; the merchant events are the consumer whose output
 * can be checked against the outbox one for one.
 */
export async function merchantEventsOwed(db: Firestore): Promise<string[]> {
  const [outbox, merchantEvents] = await Promise.all([db.collection(COLLECTIONS.outbox).where('status', '==', 'sent').get(), db.collection(COLLECTIONS.merchantEvents).select().get()]);
  const made = new Set(merchantEvents.docs.map((d) => d.id));
  const owed: string[] = [];
  for (const doc of outbox.docs) {
    const parsed = OutboxDocument.safeParse(doc.data());
    if (!parsed.success) continue;
    for (const event of parsed.data.events) if (toMerchantEvent(event).kind === 'event' && !made.has(event.id)) owed.push(event.id);
  }
  return owed;
}
