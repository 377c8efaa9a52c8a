import type { AuditEntry } from '../domain/audit-entry';
import type { AuditFilter, Page } from './compliance.store';

/**
 * Port: the audit entries committed with their changes in the operational database, waiting to be
 * archived. A Firestore transaction cannot span two databases, so every change writes its entry here
 * in its own transaction (outbox), and the relay moves it into the archive.
 */
export interface AuditOutbox {
  /** Up to `limit` waiting entries, oldest first. */
  oldest(limit: number): Promise<readonly AuditEntry[]>;
  /** Removes entries that are in the archive. */
  remove(ids: readonly string[]): Promise<void>;
}

/**
 * Port: the append-only audit log (the separate `audit` database, where IAM lets the relay create
 * documents and nobody's runtime identity update or delete them). Staff read it here.
 */
export interface AuditArchive {
  /** Creates the entry under its id; an id already archived (a relay run repeated after a crash) is `already_archived`, never overwritten. */
  append(entry: AuditEntry): Promise<'appended' | 'already_archived'>;
  /** Newest first. */
  list(filter: AuditFilter): Promise<Page<AuditEntry>>;
}
