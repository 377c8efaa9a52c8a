import { firestore } from '../../src/platform/adapters/firestore-client';
import { COLLECTIONS } from '../../src/shared/firestore-collections';
import { eventually } from './eventually';

/**
 * Waits until relay-audit-log (every 2 s on the local stack) has archived every committed audit
 * entry into the audit database, where the staff API reads them: call it after the actions whose
 * entries a test then reads.
 */
export async function auditRelayed(): Promise<void> {
  await eventually(async () => {
    const waiting = await firestore().collection(COLLECTIONS.auditOutbox).limit(1).get();
    if (!waiting.empty) throw new Error('audit entries still wait in the audit outbox');
  });
}
