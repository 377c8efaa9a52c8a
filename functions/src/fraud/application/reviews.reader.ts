import type { Payment } from '../../payments/domain/payment';

/** Port: payments held for review. Reads only; decisions go through the payments transaction. */
export interface ReviewsReader {
  /** The merchant's open reviews, newest first. */
  openReviews(merchantId: string, livemode: boolean, limit: number): Promise<{ payments: Payment[]; hasMore: boolean }>;
  /** Reviews (any merchant) held since before `heldBeforeMs`, oldest first. */
  staleReviews(heldBeforeMs: number, limit: number): Promise<Payment[]>;
}
