/** Polls `check` every 10 ms until it gives a value (not undefined); fails after `ms`. For the sandboxes' tests of asynchronous notifications. */
export async function until<T>(check: () => T | undefined, ms = 3_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing arrived within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
