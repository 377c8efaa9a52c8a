/**
 * Token bucket for a queue's maxDispatchesPerSecond. Hand-written rather than pulled from npm
 * because the rate must be changeable in place (UpdateQueue) and the dispatcher needs to know
 * how long to wait, not to be called back: it owns one timer per queue.
 */
export class RateLimiter {
  private tokens: number;
  private lastRefillMs: number;

  constructor(
    private ratePerSecond: number,
    private burstSize: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burstSize;
    this.lastRefillMs = now();
  }

  reconfigure(ratePerSecond: number, burstSize: number): void {
    this.refill();
    this.ratePerSecond = ratePerSecond;
    this.burstSize = burstSize;
    this.tokens = Math.min(this.tokens, burstSize);
  }

  /** Takes a token if one is available. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until the next token is available (0 if one is available now). */
  msUntilNextToken(): number {
    this.refill();
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond);
  }

  private refill(): void {
    const now = this.now();
    const elapsed = now - this.lastRefillMs;
    this.lastRefillMs = now;
    if (elapsed > 0) this.tokens = Math.min(this.burstSize, this.tokens + (elapsed * this.ratePerSecond) / 1000);
  }
}

/**
 * Cloud Tasks derives maxBurstSize from maxDispatchesPerSecond (it is output only); a default
 * queue (500/s) reports 100, so we mirror that: the rate rounded up, at most 100, at least 1.
 */
export function burstSizeFor(ratePerSecond: number): number {
  return Math.max(1, Math.min(100, Math.ceil(ratePerSecond)));
}
