import { Clock } from '../../shared/clock';
import { Logger } from '../../shared/logger';

/** One file as the publisher serves it (OFAC's legacy CSVs: sdn.csv, alt.csv, add.csv). */
export interface SanctionsFile {
  readonly name: string;
  readonly bytes: Buffer;
}

/** Port: downloads the current list files from the publisher; throws when it cannot (the next run retries). */
export interface SanctionsListFetcher {
  readonly sourceName: string;
  fetch(): Promise<SanctionsFile[]>;
}

/** Port: where the refresh job reads the list (a bucket in production, a directory locally), with the fetch time. */
export interface SanctionsListStore {
  write(files: readonly SanctionsFile[], fetchedAtMs: number): Promise<void>;
}

export type FetchOutcome = { readonly status: 'stored'; readonly files: number; readonly bytes: number } | { readonly status: 'failed'; readonly message: string };

/** Smaller than this, a download is a broken or truncated answer, not OFAC's list (sdn.csv is about 2 MB). */
export const MIN_FILE_BYTES: Readonly<Record<string, number>> = { 'sdn.csv': 100_000, 'alt.csv': 50_000 };

/**
 * The scheduled fetch: downloads OFAC's files and stores them, with `fetched_at`, where the refresh job
 * reads them. A failed or implausible download stores nothing: the last good files stay, and their
 * age is what the refresh job's staleness check reports.
 */
export async function fetchSanctionsList(deps: { fetcher: SanctionsListFetcher; store: SanctionsListStore; clock: Clock; log: Logger }): Promise<FetchOutcome> {
  let files: SanctionsFile[];
  try {
    files = await deps.fetcher.fetch();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.log.warn('sanctions list download failed; keeping the stored files', { source: deps.fetcher.sourceName, error: message });
    return { status: 'failed', message };
  }
  for (const [name, minBytes] of Object.entries(MIN_FILE_BYTES)) {
    const file = files.find((f) => f.name === name);
    if (!file || file.bytes.length < minBytes) {
      const message = `${name} is ${file ? `${file.bytes.length} bytes` : 'missing'}: not a plausible OFAC list`;
      deps.log.warn('sanctions list download implausible; keeping the stored files', { source: deps.fetcher.sourceName, error: message });
      return { status: 'failed', message };
    }
  }
  await deps.store.write(files, deps.clock.nowMs());
  const bytes = files.reduce((sum, f) => sum + f.bytes.length, 0);
  deps.log.info('sanctions list fetched', { source: deps.fetcher.sourceName, files: files.length, bytes });
  return { status: 'stored', files: files.length, bytes };
}
