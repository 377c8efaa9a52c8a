import type { HttpFunction } from '@google-cloud/functions-framework';
import { deps } from '../../composition-root';
import { OfacCsvSanctionsSource } from '../adapters/ofac-csv.sanctions-source';
import { sanctionsListRegistry, sanctionsLists, sanctionsSourceDir } from '../adapters/sanctions-lists.instance';
import { z } from 'zod';
import { DEFAULT_SANCTIONS_MAX_AGE_MS, refreshSanctionsList } from '../application/refresh-sanctions-list.command';

const MaxAgeHours = z.coerce.number().positive().optional();
/** SANCTIONS_MAX_AGE_HOURS: how old the fetched list may get before it is stale (default 48). */
const maxAgeMs = (): number => {
  const hours = MaxAgeHours.parse(process.env.SANCTIONS_MAX_AGE_HOURS || undefined);
  return hours === undefined ? DEFAULT_SANCTIONS_MAX_AGE_MS : hours * 3_600_000;
};

// Cloud Scheduler calls this daily (locally every few minutes). It publishes the list version
// every instance should serve; a failed run leaves the published version and is repeated next time.
export const refreshSanctionsListSchedule: HttpFunction = async (_req, res) => {
  const d = deps();
  const dir = sanctionsSourceDir();
  try {
    const outcome = await refreshSanctionsList({ source: new OfacCsvSanctionsSource(dir), sourceName: dir, registry: sanctionsListRegistry, clock: d.clock, log: d.log.child({ context: 'sanctions' }), maxAgeMs: maxAgeMs() });
    // This instance follows at once rather than after its next check interval.
    if (outcome.status === 'published') await sanctionsLists.checkNow();
    res.status(outcome.status === 'failed' ? 503 : 200).json(outcome);
  } catch (error) {
    d.log.warn('sanctions list refresh failed; the next run retries', { error: String(error) });
    res.status(503).json({ outcome: 'retry' });
  }
};
