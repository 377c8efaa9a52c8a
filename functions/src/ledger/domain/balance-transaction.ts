// The merchant's view of the ledger, in Stripe's shape: every journal that moves a merchant's money
// carries the balance transactions that explain it, written in the same commit as the journal, so the
// balance, the payouts and the finance reports all derive from one record.

export type BalanceTransactionType = 'charge' | 'refund' | 'payout' | 'payout_failure' | 'payout_cancel' | 'adjustment' | 'fx';

export const BALANCE_TRANSACTION_TYPES: readonly BalanceTransactionType[] = ['charge', 'refund', 'payout', 'payout_failure', 'payout_cancel', 'adjustment', 'fx'];

export interface FeeDetail {
  readonly type: 'platform_fee' | 'fx_markup';
  readonly amount: number;
  readonly currency: string;
  readonly description: string;
}

export interface BalanceTransaction {
  /** txn_…, derived from the journal, so writing a journal twice writes the same documents. */
  readonly id: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly type: BalanceTransactionType;
  /** Gross, in minor units of `currency`; negative when money leaves the balance. */
  readonly amount: number;
  readonly fee: number;
  readonly feeDetails: readonly FeeDetail[];
  /** amount − fee: what the balance moves by. */
  readonly net: number;
  readonly currency: string;
  /** A charge: capture time + the merchant's delay days; everything else: its creation time. */
  readonly availableOnMs: number;
  readonly createdMs: number;
  /** What caused it: pay_…, re_…, po_…. */
  readonly source: string;
  readonly exchangeRate: number | null;
  /** The payout that settled it; null while unsettled. */
  readonly payoutId: string | null;
  readonly journalId: string;
  readonly description: string | null;
}

export type BalanceTransactionStatus = 'pending' | 'available';

export const statusAt = (txn: Pick<BalanceTransaction, 'availableOnMs'>, nowMs: number): BalanceTransactionStatus => (txn.availableOnMs <= nowMs ? 'available' : 'pending');

/** Net per currency of a set of balance transactions. */
export function netByCurrency(txns: readonly BalanceTransaction[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const txn of txns) sums[txn.currency] = (sums[txn.currency] ?? 0) + txn.net;
  return sums;
}
