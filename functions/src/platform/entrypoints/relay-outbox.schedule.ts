import type { HttpFunction } from '@google-cloud/functions-framework';
import type { PlatformModule } from '../platform.module';

// Cloud Scheduler calls this every minute. Events younger than the grace period are left to the
// fast path that is probably still publishing them.
const GRACE_MS = 10_000;

export const relayOutboxSchedule = (deps: () => Pick<PlatformModule, 'relay' | 'clock' | 'log'>): HttpFunction => async (_req, res) => {
  const d = deps();
  try {
    const result = await d.relay.sweep(d.clock.nowMs(), GRACE_MS);
    if (result.published > 0) d.log.info('outbox sweep republished events', result);
    res.status(200).json(result);
  } catch (error) {
    d.log.warn('outbox sweep failed; next run retries', { error: String(error) });
    res.status(503).json({ outcome: 'retry' });
  }
};
