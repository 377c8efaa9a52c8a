import type { HttpFunction } from '@google-cloud/functions-framework';
import { sweepStuckPayments } from '../application/sweep-stuck-payments.command';
import type { PaymentsModule } from '../payments.module';

// Cloud Scheduler calls this every 10 minutes; a failed run is repeated by the next one.
export const sweepStuckPaymentsSchedule = (deps: () => PaymentsModule): HttpFunction => async (_req, res) => {
  const d = deps();
  try {
    const result = await sweepStuckPayments({ stuck: d.stuck, tasks: d.tasks, clock: d.clock, gates: d.gates }, d.sweep);
    if (result.examined > 0) d.log.warn('stuck payments found; owed tasks re-enqueued', { ...result });
    res.status(200).json(result);
  } catch (error) {
    d.log.warn('stuck-payment sweep failed; the next run retries', { error: String(error) });
    res.status(503).json({ outcome: 'retry' });
  }
};
