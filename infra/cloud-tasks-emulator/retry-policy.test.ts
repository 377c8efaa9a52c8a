import { DEFAULT_RETRY_POLICY, retriesExhausted, retryDelayMs } from './retry-policy';

describe('retry policy', () => {
  it('doubles maxDoublings times, then grows linearly, then caps at maxBackoff', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, minBackoffMs: 10_000, maxBackoffMs: 300_000, maxDoublings: 3 };

    const delays = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => retryDelayMs(policy, i) / 1000);

    expect(delays).toEqual([10, 20, 40, 80, 160, 240, 300, 300]);
  });

  it('with zero doublings, grows linearly from minBackoff', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, minBackoffMs: 1000, maxDoublings: 0 };

    expect([0, 1, 2].map((i) => retryDelayMs(policy, i))).toEqual([1000, 2000, 3000]);
  });

  it('drops a task once maxAttempts is reached', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 };

    expect(retriesExhausted(policy, 2, 0)).toBe(false);
    expect(retriesExhausted(policy, 3, 0)).toBe(true);
  });

  it('never drops a task when maxAttempts is unlimited', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: -1 };

    expect(retriesExhausted(policy, 10_000, 1e9)).toBe(false);
  });

  it('keeps retrying past maxAttempts until maxRetryDuration has also elapsed', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 2, maxRetryDurationMs: 60_000 };

    expect(retriesExhausted(policy, 5, 30_000)).toBe(false);
    expect(retriesExhausted(policy, 5, 60_000)).toBe(true);
  });
});
