import { SanctionsList } from '../domain/sanctions-list';

/**
 * Port to wherever a sanctions list is published (files on disk, a bucket, the OFAC site).
 * `currentVersion` must be cheap (a stat, an ETag) because the refresh job calls it often;
 * `load` does the expensive read and parse only when that version changed.
 */
export interface SanctionsListSource {
  /** Opaque marker that changes whenever the published data changes. */
  currentVersion(): Promise<string>;
  load(): Promise<SanctionsList>;
  /** When the data was last fetched from the publisher (OFAC), or null when nothing says. */
  fetchedAtMs(): Promise<number | null>;
}
