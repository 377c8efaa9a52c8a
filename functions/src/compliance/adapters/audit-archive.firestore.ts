import type { Firestore, Query } from 'firebase-admin/firestore';
import { AUDIT_LOG_COLLECTION } from '../../shared/firestore-collections';
import type { AuditEntry } from '../domain/audit-entry';
import type { AuditArchive } from '../application/audit-trail';
import type { AuditFilter, Page } from '../application/compliance.store';
import { parseStoredDocument } from '../../platform/adapters/stored-document';
import { AuditEntryDocument } from './audit-entry.document';

/** gRPC ALREADY_EXISTS: create() of an id the archive holds. */
const ALREADY_EXISTS = 6;

/**
 * The audit log in the separate `audit` database (AUDIT_DATABASE). Entries are only ever created: the
 * relay's identity holds a create-only role there (terraform/iam.tf), so even a compromised function
 * cannot change or remove an archived entry.
 */
export class FirestoreAuditArchive implements AuditArchive {
  constructor(private readonly auditDb: Firestore) {}

  async append(entry: AuditEntry): Promise<'appended' | 'already_archived'> {
    try {
      await this.auditDb.collection(AUDIT_LOG_COLLECTION).doc(entry.id).create(JSON.parse(JSON.stringify(entry)) as object);
      return 'appended';
    } catch (error) {
      if ((error as { code?: unknown }).code === ALREADY_EXISTS) return 'already_archived';
      throw error;
    }
  }

  async list(filter: AuditFilter): Promise<Page<AuditEntry>> {
    const collection = this.auditDb.collection(AUDIT_LOG_COLLECTION);
    let query: Query = filter.subject ? collection.where('subject', '==', filter.subject) : collection;
    query = query.orderBy('atMs', 'desc');
    if (filter.startingAfter) {
      const cursor = await collection.doc(filter.startingAfter).get();
      if (cursor.exists) query = query.startAfter(cursor);
    }
    const snap = await query.limit(filter.limit + 1).get();
    const data = snap.docs.slice(0, filter.limit).map((doc) => parseStoredDocument(AuditEntryDocument, AUDIT_LOG_COLLECTION, doc.id, doc.data()));
    return { data, hasMore: snap.docs.length > filter.limit };
  }
}
