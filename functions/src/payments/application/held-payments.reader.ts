import type { Payment } from '../domain/payment';

/** Port: payments held for review (requires_review). Reads only; decisions go through the payments transaction. */
export interface HeldPaymentsReader {
  /** The merchant's open reviews in one mode, newest first. */
  openReviews(merchantId: string, livemode: boolean, limit: number): Promise<{ payments: Payment[]; hasMore: boolean }>;
  /** Reviews (any merchant) held since before `heldBeforeMs`, oldest first. */
  staleReviews(heldBeforeMs: number, limit: number): Promise<Payment[]>;
}
