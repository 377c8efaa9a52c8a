// The one way the emulator tests wait: the stack is asynchronous (outbox, Pub/Sub, Cloud Tasks), so a
// test polls for the outcome it expects instead of sleeping a guessed time. A check passes by returning
// (its value is handed back) and fails by throwing, typically an `expect(...)` assertion; on timeout
// the last failure is thrown as it is, so the test report shows the real difference, not "timed out".

export interface EventuallyOptions {
  /** Give up after this long (default 30 s: a cold first payment goes through every gate). */
  timeoutMs?: number;
  /** Pause between two checks (default 100 ms). */
  intervalMs?: number;
}

export async function eventually<T>(check: () => T | Promise<T>, { timeoutMs = 30_000, intervalMs = 100 }: EventuallyOptions = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (failure) {
      if (Date.now() + intervalMs > deadline) throw failure;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
