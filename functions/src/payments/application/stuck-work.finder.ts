import { Payment } from '../domain/payment';
import { Refund } from '../domain/refund';

// Port for the sweep: work that has not moved for a while, oldest first.
export interface StuckWorkFinder {
  /** `processing` payments last updated at or before `updatedAtOrBeforeMs`. */
  stuckPayments(updatedAtOrBeforeMs: number, limit: number): Promise<readonly Payment[]>;
  /** `canceled` payments whose void is still owed (holdReleased false), last updated at or before `updatedAtOrBeforeMs`. */
  unreleasedHolds(updatedAtOrBeforeMs: number, limit: number): Promise<readonly Payment[]>;
  /** `pending` refunds last updated at or before `updatedAtOrBeforeMs`. */
  stuckRefunds(updatedAtOrBeforeMs: number, limit: number): Promise<readonly Refund[]>;
}
