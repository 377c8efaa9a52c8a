import type { Firestore } from 'firebase-admin/firestore';
import type { AuditEntry } from '../domain/audit-entry';
import type { AuditOutbox } from '../application/audit-trail';
import { COMPLIANCE_COLLECTIONS } from '../application/compliance.store';
import { parseStoredDocument } from '../../platform/adapters/stored-document';
import { AuditEntryDocument } from './audit-entry.document';

const COLLECTION = COMPLIANCE_COLLECTIONS.auditOutbox;
/** Firestore's limit of writes in one batch. */
const MAX_BATCH = 500;

/** The audit entries committed in the operational database, waiting for the relay. */
export class FirestoreAuditOutbox implements AuditOutbox {
  constructor(private readonly db: Firestore) {}

  async oldest(limit: number): Promise<readonly AuditEntry[]> {
    const snap = await this.db.collection(COLLECTION).orderBy('atMs', 'asc').limit(limit).get();
    return snap.docs.map((doc) => parseStoredDocument(AuditEntryDocument, COLLECTION, doc.id, doc.data()));
  }

  async remove(ids: readonly string[]): Promise<void> {
    for (let start = 0; start < ids.length; start += MAX_BATCH) {
      const batch = this.db.batch();
      for (const id of ids.slice(start, start + MAX_BATCH)) batch.delete(this.db.collection(COLLECTION).doc(id));
      await batch.commit();
    }
  }
}
