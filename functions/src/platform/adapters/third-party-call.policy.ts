import { circuitBreaker, ConsecutiveBreaker, ExponentialBackoff, handleWhen, IPolicy, retry, TaskCancelledError, timeout, TimeoutStrategy, wrap } from 'cockatiel';

export interface ThirdPartyCallPolicyOptions {
  /** An error that says nothing certain about the call: retried here, then counted by the breaker. */
  readonly isTransient: (error: unknown) => boolean;
  /** Retries after the first attempt. */
  readonly retries: number;
  readonly timeoutMs: number;
  readonly breakerThreshold?: number;
  readonly breakerHalfOpenAfterMs?: number;
}

/**
 * How every adapter calls a third party (processor, bank, FX provider): a timeout per attempt, a few
 * quick retries with backoff (under the caller's same idempotency key), and a breaker, so an outage
 * fails fast and the task queue's slower backoff does the waiting instead of piling up requests.
 * A timed-out attempt (cockatiel's TaskCancelledError) is transient too.
 */
export function thirdPartyCallPolicy(options: ThirdPartyCallPolicyOptions): IPolicy {
  const transient = handleWhen((error) => options.isTransient(error) || error instanceof TaskCancelledError);
  const retries = retry(transient, { maxAttempts: Math.max(0, options.retries), backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1000 }) });
  const breaker = circuitBreaker(transient, {
    halfOpenAfter: options.breakerHalfOpenAfterMs ?? 5000,
    breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 10),
  });
  return wrap(retries, breaker, timeout(options.timeoutMs, TimeoutStrategy.Aggressive));
}
