import type { HttpFunction } from '@google-cloud/functions-framework';
import { previousDay } from '../domain/reconciliation-run';
import { runReconciliation } from '../application/run-reconciliation.command';
import type { ReconciliationModule } from '../reconciliation.module';

// Cloud Scheduler calls this daily (locally every hour): it reconciles yesterday (UTC), test mode and,
// when a live processor and bank are configured, live mode, each on its own sources. A failed run is
// stored as failed and answered 503, so the scheduler's retry (or the next run) tries again.
export const runReconciliationSchedule = (deps: () => ReconciliationModule): HttpFunction => async (_req, res) => {
  const d = deps();
  const date = previousDay(d.clock.nowMs());
  const modes = d.liveConfigured ? [false, true] : [false];
  const runs: Array<{ id: string | null; livemode: boolean; status: string }> = [];
  for (const livemode of modes) {
    try {
      const result = await runReconciliation(d, { livemode, date, trigger: 'schedule' });
      runs.push(result.ok ? { id: result.run.id, livemode, status: result.run.status } : { id: null, livemode, status: result.error.code });
    } catch (error) {
      // The run could not even be stored (Firestore unavailable): retried by the scheduler.
      d.log.warn('reconciliation run could not be stored', { livemode, date, error: String(error) });
      runs.push({ id: null, livemode, status: 'failed' });
    }
  }
  const failed = runs.some((run) => run.status !== 'completed');
  res.status(failed ? 503 : 200).json({ date, runs });
};
