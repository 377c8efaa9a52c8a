import { decide, RateBucket, RateDecision, RateLimiter, windowOf } from '../application/rate-limiter';

export class MemoryRateLimiter implements RateLimiter {
  private readonly counts = new Map<string, number>();

  async take(buckets: readonly RateBucket[], nowMs: number): Promise<RateDecision> {
    const ids = buckets.map((b) => `${b.key}_${windowOf(nowMs, b.windowMs).startMs}`);
    const decision = decide(buckets, ids.map((id) => this.counts.get(id) ?? 0), nowMs);
    if (decision.allowed) for (const id of ids) this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
    return decision;
  }
}
