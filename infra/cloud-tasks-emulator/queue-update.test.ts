import { applyQueueUpdate, settingsForNewQueue } from './queue-update';

describe('queue settings', () => {
  it('given an empty queue, uses the Cloud Tasks defaults', () => {
    expect(settingsForNewQueue({})).toEqual({
      rateLimits: { maxDispatchesPerSecond: 500, maxConcurrentDispatches: 1000 },
      retry: { maxAttempts: 100, maxRetryDurationMs: 0, minBackoffMs: 100, maxBackoffMs: 3_600_000, maxDoublings: 16 },
    });
  });

  it('without a mask, merges only the fields sent', () => {
    const current = settingsForNewQueue({ retryConfig: { maxAttempts: 5 }, rateLimits: { maxConcurrentDispatches: 7 } });

    const next = applyQueueUpdate(current, { retryConfig: { minBackoff: { seconds: 0, nanos: 5e6 } } });

    expect(next.retry).toMatchObject({ maxAttempts: 5, minBackoffMs: 5 });
    expect(next.rateLimits.maxConcurrentDispatches).toBe(7);
  });

  it('with a mask, changes only masked fields and resets masked fields left out', () => {
    const current = settingsForNewQueue({ retryConfig: { maxAttempts: 5, maxDoublings: 2 } });

    const next = applyQueueUpdate(
      current,
      { retryConfig: { maxDoublings: 4 }, rateLimits: { maxDispatchesPerSecond: 3 } },
      ['retry_config.max_doublings', 'retry_config.max_attempts'],
    );

    expect(next.retry).toMatchObject({ maxDoublings: 4, maxAttempts: 100 });
    expect(next.rateLimits.maxDispatchesPerSecond).toBe(500);
  });

  it('accepts a whole-message mask path in camelCase', () => {
    const next = applyQueueUpdate(settingsForNewQueue({}), { rateLimits: { maxDispatchesPerSecond: 2 } }, ['rateLimits']);

    expect(next.rateLimits).toEqual({ maxDispatchesPerSecond: 2, maxConcurrentDispatches: 1000 });
  });

  it('keeps unlimited attempts (-1) as sent', () => {
    expect(settingsForNewQueue({ retryConfig: { maxAttempts: -1 } }).retry.maxAttempts).toBe(-1);
  });
});
