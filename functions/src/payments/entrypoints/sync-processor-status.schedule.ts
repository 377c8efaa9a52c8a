import type { HttpFunction } from '@google-cloud/functions-framework';
import { syncProcessorStatus } from '../application/sync-processor-status.command';
import type { PaymentsModule } from '../payments.module';

// Cloud Scheduler calls this every minute: pending confirmations older than the sweep's bound are looked up.
export const syncProcessorStatusSchedule = (deps: () => PaymentsModule): HttpFunction => async (_req, res) => {
  const d = deps();
  try {
    const result = await syncProcessorStatus(d, { pendingForMs: d.sweep.stuckAfterMs, limit: d.sweep.limit, nowMs: d.clock.nowMs() });
    if (result.examined > 0) d.log.info('processor status sync', { ...result });
    res.status(200).json(result);
  } catch (error) {
    d.log.warn('processor status sync failed; the next run retries', { error: String(error) });
    res.status(503).json({ outcome: 'retry' });
  }
};
