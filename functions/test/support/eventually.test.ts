import { eventually } from './eventually';

// The emulator tests' only way of waiting. No emulator needed: the check's world is a counter.

it('returns the value of the first check that passes, after polling the failing ones', async () => {
  // given a condition that holds from the third check on
  let checks = 0;
  // when waiting for it
  const value = await eventually(
    () => {
      checks += 1;
      expect(checks).toBeGreaterThanOrEqual(3);
      return `passed on check ${checks}`;
    },
    { timeoutMs: 2_000, intervalMs: 5 },
  );
  // then it stops at the first pass and hands its value back
  expect(value).toBe('passed on check 3');
  expect(checks).toBe(3);
});

it('throws the last failure, unchanged, when the check never passes in time', async () => {
  // given a check whose failure changes at each attempt
  let checks = 0;
  const startedMs = Date.now();
  // when it never passes
  const waiting = eventually(
    async () => {
      checks += 1;
      throw new Error(`still failing (check ${checks})`);
    },
    { timeoutMs: 200, intervalMs: 20 },
  );
  // then the error of the final attempt reaches the test, after about the timeout
  await expect(waiting).rejects.toThrow(/^still failing \(check \d+\)$/);
  const lastMessage = await waiting.catch((error: Error) => error.message);
  expect(lastMessage).toBe(`still failing (check ${checks})`);
  expect(checks).toBeGreaterThan(3);
  expect(Date.now() - startedMs).toBeGreaterThanOrEqual(150);
  expect(Date.now() - startedMs).toBeLessThan(2_000);
});

it('shows a failed assertion as jest reports it, not as a bare timeout', async () => {
  // given a check that asserts on a value that never arrives
  // when the wait times out
  // then the assertion's own message (expected vs received) is what fails the test
  await expect(eventually(() => expect('processing').toBe('succeeded'), { timeoutMs: 50, intervalMs: 10 })).rejects.toThrow(/Expected: "succeeded"\s+Received: "processing"/);
});
