import { Firestore } from 'firebase-admin/firestore';
import { AuditEntry } from '../domain/audit-entry';
import { COMPLIANCE_COLLECTIONS } from '../application/compliance.store';
import { PublishedSanctionsListDocument } from './published-sanctions-list.document';
import { storedDocumentOf } from '../../platform/adapters/stored-document';
import { CURRENT_SANCTIONS_LIST, PublishedSanctionsList, SanctionsListRegistry, SANCTIONS_LISTS_COLLECTION } from '../application/sanctions-list.registry';

/** `sanctions_lists/current` in Firestore; the client is resolved on first use, not at import. */
export class FirestoreSanctionsListRegistry implements SanctionsListRegistry {
  constructor(private readonly db: () => Firestore) {}

  private doc() {
    return this.db().collection(SANCTIONS_LISTS_COLLECTION).doc(CURRENT_SANCTIONS_LIST);
  }

  async current(): Promise<PublishedSanctionsList | null> {
    return storedDocumentOf(PublishedSanctionsListDocument, await this.doc().get());
  }

  async publish(list: PublishedSanctionsList, audit: AuditEntry): Promise<void> {
    // One batch: the version and its audit entry land together; create keeps the entry append-only.
    await this.db()
      .batch()
      .set(this.doc(), { ...list })
      .create(this.db().collection(COMPLIANCE_COLLECTIONS.auditOutbox).doc(audit.id), JSON.parse(JSON.stringify(audit)) as object)
      .commit();
  }

  async recordStale(audit: AuditEntry): Promise<boolean> {
    try {
      await this.db().collection(COMPLIANCE_COLLECTIONS.auditOutbox).doc(audit.id).create(JSON.parse(JSON.stringify(audit)) as object);
      return true;
    } catch (error) {
      // The day's entry exists already: the alert keeps firing from the log, the trail holds one line a day.
      if ((error as { code?: number }).code === ALREADY_EXISTS) return false;
      throw error;
    }
  }
}

const ALREADY_EXISTS = 6;
