import type { HttpFunction } from '@google-cloud/functions-framework';
import type { FraudEntrypointDeps } from '../fraud.module';
import { expireReviews } from '../application/reviews.command';

// Cloud Scheduler calls this daily; a failed run is simply repeated the next day (or retried now).
export const expireReviewsSchedule = (deps: () => FraudEntrypointDeps): HttpFunction => async (_req, res) => {
  const d = deps();
  try {
    const result = await expireReviews({ reviews: d.fraud.reviews, payments: d.payments, clock: d.clock, gates: d.gates, log: d.log });
    if (result.expired > 0) d.log.info('expired stale reviews', result);
    res.status(200).json(result);
  } catch (error) {
    d.log.warn('review expiry failed; the next run retries', { error: String(error) });
    res.status(503).json({ outcome: 'retry' });
  }
};
