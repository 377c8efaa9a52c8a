import { burstSizeFor, RateLimiter } from './rate-limiter';

function manualClock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('given a full bucket, allows a burst and then refuses', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(10, 3, clock.now);

    const taken = [limiter.tryTake(), limiter.tryTake(), limiter.tryTake(), limiter.tryTake()];

    expect(taken).toEqual([true, true, true, false]);
  });

  it('when empty, reports the wait until the next token and refills at the configured rate', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(10, 1, clock.now);
    limiter.tryTake();

    expect(limiter.msUntilNextToken()).toBe(100);
    clock.advance(100);
    expect(limiter.tryTake()).toBe(true);
  });

  it('never accumulates more than the burst size', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(10, 2, clock.now);
    clock.advance(60_000);

    const taken = [limiter.tryTake(), limiter.tryTake(), limiter.tryTake()];

    expect(taken).toEqual([true, true, false]);
  });

  it('after reconfiguring to a lower rate, refills more slowly', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(100, 1, clock.now);
    limiter.tryTake();

    limiter.reconfigure(1, 1);

    expect(limiter.msUntilNextToken()).toBe(1000);
  });

  it('derives the burst size like Cloud Tasks: 100 for the default 500/s, never below 1', () => {
    expect(burstSizeFor(500)).toBe(100);
    expect(burstSizeFor(5)).toBe(5);
    expect(burstSizeFor(0.5)).toBe(1);
  });
});
