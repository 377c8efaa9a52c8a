import type { HttpFunction } from '@google-cloud/functions-framework';
import { z } from 'zod';
import { deps } from '../../composition-root';
import { sweepStuckPayments } from '../application/sweep-stuck-payments.command';

// Well past a task's normal life (seconds) and its first retries, short of the processor queue's
// ~3.4 h of retries; a task still waiting or retrying keeps its name, so re-enqueueing is refused.
const Settings = z.object({
  SWEEP_STUCK_AFTER_MS: z.coerce.number().int().positive().default(15 * 60_000),
  SWEEP_LIMIT: z.coerce.number().int().positive().max(500).default(200),
});

// Cloud Scheduler calls this every 10 minutes; a failed run is repeated by the next one.
export const sweepStuckPaymentsSchedule: HttpFunction = async (_req, res) => {
  const d = deps();
  try {
    const settings = Settings.parse(process.env);
    const result = await sweepStuckPayments({ stuck: d.stuck, tasks: d.tasks, clock: d.clock, gates: d.gates }, { stuckAfterMs: settings.SWEEP_STUCK_AFTER_MS, limit: settings.SWEEP_LIMIT });
    if (result.examined > 0) d.log.warn('stuck payments found; owed tasks re-enqueued', { ...result });
    res.status(200).json(result);
  } catch (error) {
    d.log.warn('stuck-payment sweep failed; the next run retries', { error: String(error) });
    res.status(503).json({ outcome: 'retry' });
  }
};
