import { Firestore, Timestamp } from 'firebase-admin/firestore';
import { z } from 'zod';
import { decide, RateBucket, RateDecision, RateLimiter, windowOf } from '../application/rate-limiter';
import { COLLECTIONS } from '../../shared/firestore-collections';
import { storedDocumentOf } from './stored-document';

const RateCounter = z.object({ count: z.number().int().nonnegative() }).loose();

// One document per bucket and window (`<key>_<window start>`), counted in a transaction with every
// bucket of the request. `expiresAt` lets a Firestore TTL policy remove spent windows.
export class FirestoreRateLimiter implements RateLimiter {
  constructor(private readonly db: Firestore) {}

  async take(buckets: readonly RateBucket[], nowMs: number): Promise<RateDecision> {
    const refs = buckets.map((b) => this.db.collection(COLLECTIONS.rateLimits).doc(`${b.key}_${windowOf(nowMs, b.windowMs).startMs}`));
    return this.db.runTransaction(async (tx) => {
      const snaps = refs.length > 0 ? await tx.getAll(...refs) : [];
      const counts = snaps.map((snap) => storedDocumentOf(RateCounter, snap)?.count ?? 0);
      const decision = decide(buckets, counts, nowMs);
      if (decision.allowed) {
        refs.forEach((ref, i) => {
          const expiresAt = Timestamp.fromMillis(windowOf(nowMs, buckets[i].windowMs).endMs + buckets[i].windowMs);
          tx.set(ref, { count: counts[i] + 1, expiresAt });
        });
      }
      return decision;
    });
  }
}
