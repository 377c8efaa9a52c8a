import { BalanceTransaction, BalanceTransactionType } from '../domain/balance-transaction';

export interface BalanceTransactionsQuery {
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly type?: BalanceTransactionType;
  readonly payoutId?: string;
  readonly createdGteMs?: number;
  readonly limit: number;
  readonly startingAfter?: string;
}

/** Reads the balance transactions every journal writes; the balance and settlement derive from them. */
export interface BalanceTransactionsReader {
  /** Newest first, cursor after `startingAfter`. */
  list(q: BalanceTransactionsQuery): Promise<{ data: BalanceTransaction[]; hasMore: boolean }>;
  get(merchantId: string, livemode: boolean, id: string): Promise<BalanceTransaction | null>;
  /** Unsettled (payoutId null) and available at cutoff: what a settlement pays out. Bounded by what is new since the last settlement. */
  unsettledAvailable(merchantId: string, livemode: boolean, cutoffMs: number, limit: number): Promise<BalanceTransaction[]>;
  /** Server-side sums of net per currency: available (availableOnMs <= nowMs) and pending (> nowMs). */
  sums(merchantId: string, livemode: boolean, nowMs: number): Promise<{ available: Record<string, number>; pending: Record<string, number> }>;
}
