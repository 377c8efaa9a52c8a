import type { HttpFunction } from '@google-cloud/functions-framework';
import path from 'node:path';
import { OFAC_DOWNLOADS_URL, OfacHttpsFetcher } from '../adapters/ofac.https-fetcher';
import { SnapshotDirectoryFetcher } from '../adapters/snapshot-directory.fetcher';
import { DirectorySanctionsListStore } from '../adapters/sanctions-list.directory-store';
import { fetchSanctionsList, SanctionsListFetcher } from '../application/fetch-sanctions-list.command';
import type { ComplianceModule, SanctionsConfig } from '../compliance.module';

/**
 * Where the list comes from: SANCTIONS_FETCH_URL (production: OFAC's download base,
 * https://www.treasury.gov/ofac/downloads) over HTTPS, else SANCTIONS_FETCH_FROM_DIR (locally the
 * shared snapshot). Where it goes: the list bucket in production (SANCTIONS_BUCKET), else the directory
 * the refresh job reads (SANCTIONS_SOURCE_DIR).
 */
export function sanctionsFetchWiring(source: SanctionsConfig['fetch'], targetDir: string | null): { fetcher: SanctionsListFetcher; targetDir: string | null } | { skip: string } {
  if (source.url) {
    if (!source.url.startsWith('https://')) throw new Error('SANCTIONS_FETCH_URL must be an https:// address');
    return { fetcher: new OfacHttpsFetcher(source.url), targetDir };
  }
  const from = source.fromDir;
  if (!from) return { skip: `no SANCTIONS_FETCH_URL (e.g. ${OFAC_DOWNLOADS_URL}) or SANCTIONS_FETCH_FROM_DIR` };
  // Locally the refresh may read the snapshot itself: copying it onto itself would only touch its times.
  // (With a bucket, targetDir is null: the list never lives in a directory.)
  if (targetDir !== null && path.resolve(from) === path.resolve(targetDir)) return { skip: 'the refresh reads the snapshot directory itself' };
  return { fetcher: new SnapshotDirectoryFetcher(from), targetDir };
}

// Cloud Scheduler calls this daily, before refresh-sanctions-list. A failed or implausible download
// stores nothing (503, the next run retries); the refresh's staleness check raises the alert when
// the stored files get too old.
export const fetchSanctionsListSchedule = (deps: () => ComplianceModule): HttpFunction => async (_req, res) => {
  const d = deps();
  const log = d.log.child({ context: 'sanctions' });
  try {
    const bucket = d.sanctionsListStorage().store;
    const wiring = sanctionsFetchWiring(d.sanctions.fetch, bucket ? null : d.sanctions.sourceDir);
    if ('skip' in wiring) {
      log.info('sanctions list fetch skipped', { reason: wiring.skip });
      res.status(200).json({ status: 'skipped', reason: wiring.skip });
      return;
    }
    const outcome = await fetchSanctionsList({ fetcher: wiring.fetcher, store: bucket ?? new DirectorySanctionsListStore(wiring.targetDir ?? d.sanctions.sourceDir), clock: d.clock, log });
    res.status(outcome.status === 'stored' ? 200 : 503).json(outcome);
  } catch (error) {
    log.warn('sanctions list fetch failed; the next run retries', { error: String(error) });
    res.status(503).json({ status: 'retry' });
  }
};
