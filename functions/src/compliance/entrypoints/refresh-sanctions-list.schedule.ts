import type { HttpFunction } from '@google-cloud/functions-framework';
import { deps } from '../../composition-root';
import { OfacCsvSanctionsSource } from '../adapters/ofac-csv.sanctions-source';
import { sanctionsListRegistry, sanctionsLists, sanctionsSourceDir } from '../adapters/sanctions-lists.instance';
import { refreshSanctionsList } from '../application/refresh-sanctions-list.command';

// Cloud Scheduler calls this daily (locally every few minutes). It publishes the list version
// every instance should serve; a failed run leaves the published version and is repeated next time.
export const refreshSanctionsListSchedule: HttpFunction = async (_req, res) => {
  const d = deps();
  const dir = sanctionsSourceDir();
  try {
    const outcome = await refreshSanctionsList({ source: new OfacCsvSanctionsSource(dir), sourceName: dir, registry: sanctionsListRegistry, clock: d.clock, log: d.log.child({ context: 'sanctions' }) });
    // This instance follows at once rather than after its next check interval.
    if (outcome.status === 'published') await sanctionsLists.checkNow();
    res.status(outcome.status === 'failed' ? 503 : 200).json(outcome);
  } catch (error) {
    d.log.warn('sanctions list refresh failed; the next run retries', { error: String(error) });
    res.status(503).json({ outcome: 'retry' });
  }
};
