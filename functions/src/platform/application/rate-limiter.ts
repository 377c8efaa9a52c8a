// Port: fixed-window request budgets. One call takes one unit from every bucket it names, all or
// nothing: a request refused by one bucket (say, the merchant's) spends nothing from the others.

export interface RateBucket {
  /** Stable and safe as part of a document id; callers hash anything personal (keyedHash). */
  readonly key: string;
  readonly limit: number;
  readonly windowMs: number;
}

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly bucket: string; readonly retryAfterMs: number };

export interface RateLimiter {
  take(buckets: readonly RateBucket[], nowMs: number): Promise<RateDecision>;
}

/** The window a moment falls in: epoch-aligned, so every instance agrees without coordination. */
export function windowOf(nowMs: number, windowMs: number): { startMs: number; endMs: number } {
  const startMs = Math.floor(nowMs / windowMs) * windowMs;
  return { startMs, endMs: startMs + windowMs };
}

/** Decides from the current counts; the adapters store them. */
export function decide(buckets: readonly RateBucket[], counts: readonly number[], nowMs: number): RateDecision {
  let refused: { bucket: string; retryAfterMs: number } | undefined;
  buckets.forEach((bucket, i) => {
    if ((counts[i] ?? 0) < bucket.limit) return;
    const retryAfterMs = windowOf(nowMs, bucket.windowMs).endMs - nowMs;
    if (!refused || retryAfterMs > refused.retryAfterMs) refused = { bucket: bucket.key, retryAfterMs };
  });
  return refused ? { allowed: false, ...refused } : { allowed: true };
}
