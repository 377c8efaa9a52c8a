import type { HttpFunction } from '@google-cloud/functions-framework';
import { refreshSanctionsList } from '../application/refresh-sanctions-list.command';
import type { ComplianceModule } from '../compliance.module';

// Cloud Scheduler calls this daily (locally every few minutes). It publishes the list version
// every instance should serve; a failed run leaves the published version and is repeated next time.
export const refreshSanctionsListSchedule = (deps: () => ComplianceModule): HttpFunction => async (_req, res) => {
  const d = deps();
  try {
    const { source, name } = d.sanctionsListStorage();
    const outcome = await refreshSanctionsList({ source, sourceName: name, registry: d.sanctionsRegistry, clock: d.clock, log: d.log.child({ context: 'sanctions' }), maxAgeMs: d.sanctions.maxAgeMs });
    // This instance follows at once rather than after its next check interval.
    if (outcome.status === 'published') await d.sanctionsLists().checkNow();
    res.status(outcome.status === 'failed' ? 503 : 200).json(outcome);
  } catch (error) {
    d.log.warn('sanctions list refresh failed; the next run retries', { error: String(error) });
    res.status(503).json({ outcome: 'retry' });
  }
};
