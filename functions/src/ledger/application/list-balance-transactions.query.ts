import type { MerchantContext } from '../../shared/merchant-context';
import { BalanceTransaction, BalanceTransactionType } from '../domain/balance-transaction';
import { BalanceTransactionsReader } from './balance-transactions.reader';

export interface ListBalanceTransactionsFilter {
  readonly type?: BalanceTransactionType;
  readonly payoutId?: string;
  readonly createdGteMs?: number;
  readonly limit: number;
  readonly startingAfter?: string;
}

/** The merchant's balance transactions in this mode, newest first; a cursor of another merchant's finds nothing. */
export const listBalanceTransactions = (reader: BalanceTransactionsReader, merchant: MerchantContext, filter: ListBalanceTransactionsFilter): Promise<{ data: BalanceTransaction[]; hasMore: boolean }> =>
  reader.list({ merchantId: merchant.merchantId, livemode: merchant.livemode, ...filter });
