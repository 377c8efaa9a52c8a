import { COLLECTIONS } from '../../shared/firestore-collections';
import { AuditEntry } from '../domain/audit-entry';

export const SANCTIONS_LISTS_COLLECTION = COLLECTIONS.sanctionsLists;
export const CURRENT_SANCTIONS_LIST = 'current';

/** The list version every instance should serve: `sanctions_lists/current`. */
export interface PublishedSanctionsList {
  /** The list's content version (`OFAC-SDN:<hash>:<entries>`), recorded with every decision. */
  readonly version: string;
  readonly entries: number;
  /** ISO 8601. */
  readonly loadedAt: string;
  /** Where the job read it: a directory or URL, for the reviewer reading the audit log. */
  readonly source: string;
}

/** Port: where the refresh job publishes the current version and instances look it up. */
export interface SanctionsListRegistry {
  /** One cheap document read. */
  current(): Promise<PublishedSanctionsList | null>;
  /** Publishes the version and appends its audit entry atomically. */
  publish(list: PublishedSanctionsList, audit: AuditEntry): Promise<void>;
  /** Appends a staleness entry unless one with its id (one per day) exists; true when appended. */
  recordStale(audit: AuditEntry): Promise<boolean>;
}
