import { DISABLE_AFTER_FAILING_MS, EndpointHealth } from './delivery-attempt';

// An endpoint's delivery health decides two things: whether its deliveries wait (a cool-off, so a failing or
// hanging endpoint does not hold the queue's dispatch slots that other endpoints need), and when it is
// disabled (every delivery failed for 3 days).

/** Failures in a row after which the endpoint's deliveries wait for a cool-off before trying again. */
export const COOL_OFF_AFTER_FAILURES = 3;
const MAX_COOL_OFF_MS = 60_000;

export const healthy = (endpointId: string): EndpointHealth => ({ endpointId, failingSinceMs: null, lastFailureMs: null, consecutiveFailures: 0 });

export function afterFailure(health: EndpointHealth | null, endpointId: string, nowMs: number): EndpointHealth {
  const before = health ?? healthy(endpointId);
  return { endpointId, failingSinceMs: before.failingSinceMs ?? nowMs, lastFailureMs: nowMs, consecutiveFailures: before.consecutiveFailures + 1 };
}

/** A success clears the failure streak; null when there is nothing to write (the common case: no write per delivery). */
export const afterSuccess = (health: EndpointHealth | null): EndpointHealth | null => (health && health.consecutiveFailures > 0 ? healthy(health.endpointId) : null);

/** Until when the endpoint's deliveries wait: 1 s after the third failure in a row, doubling to a minute. */
export function coolOffUntilMs(health: EndpointHealth | null): number | null {
  if (!health || health.lastFailureMs === null || health.consecutiveFailures < COOL_OFF_AFTER_FAILURES) return null;
  return health.lastFailureMs + Math.min(1000 * 2 ** (health.consecutiveFailures - COOL_OFF_AFTER_FAILURES), MAX_COOL_OFF_MS);
}

/** Every delivery has failed for 3 days: the endpoint is disabled. */
export const failingTooLong = (health: EndpointHealth, nowMs: number): boolean => health.failingSinceMs !== null && nowMs - health.failingSinceMs >= DISABLE_AFTER_FAILING_MS;
