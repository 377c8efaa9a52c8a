import { msToProto } from './proto-time';

/** Queue retry settings in milliseconds, after Cloud Tasks defaults are applied. */
export interface RetryPolicy {
  /** -1 means unlimited. */
  maxAttempts: number;
  /** 0 means no time limit. */
  maxRetryDurationMs: number;
  minBackoffMs: number;
  maxBackoffMs: number;
  maxDoublings: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 100,
  maxRetryDurationMs: 0,
  minBackoffMs: 100,
  maxBackoffMs: 3_600_000,
  maxDoublings: 16,
};

export function retryPolicyToProto(policy: RetryPolicy): Record<string, unknown> {
  return {
    maxAttempts: policy.maxAttempts,
    maxRetryDuration: msToProto(policy.maxRetryDurationMs),
    minBackoff: msToProto(policy.minBackoffMs),
    maxBackoff: msToProto(policy.maxBackoffMs),
    maxDoublings: policy.maxDoublings,
  };
}

/**
 * Delay before retry number `retryIndex` (0 = the retry after the first failed attempt).
 * Like Cloud Tasks: starts at minBackoff, doubles maxDoublings times, then grows linearly by
 * the last doubled interval, capped at maxBackoff. E.g. min 10s, doublings 3: 10, 20, 40, 80, 160, 240...
 */
export function retryDelayMs(policy: RetryPolicy, retryIndex: number): number {
  const doublings = Math.min(retryIndex, policy.maxDoublings);
  const doubled = policy.minBackoffMs * 2 ** doublings;
  const linearSteps = Math.max(0, retryIndex - policy.maxDoublings);
  return Math.min(policy.maxBackoffMs, doubled * (1 + linearSteps));
}

/**
 * Whether a task that has been attempted `attempts` times must be dropped. Cloud Tasks stops only
 * once both limits are reached: the attempt count and (when set) the retry duration since the first attempt.
 */
export function retriesExhausted(policy: RetryPolicy, attempts: number, msSinceFirstAttempt: number): boolean {
  const attemptsSpent = policy.maxAttempts !== -1 && attempts >= policy.maxAttempts;
  const durationSpent = policy.maxRetryDurationMs <= 0 || msSinceFirstAttempt >= policy.maxRetryDurationMs;
  return attemptsSpent && durationSpent;
}
