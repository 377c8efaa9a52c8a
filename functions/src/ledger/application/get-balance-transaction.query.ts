import { ApiError, notFound } from '../../shared/api-error';
import type { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
import { BalanceTransaction } from '../domain/balance-transaction';
import { BalanceTransactionsReader } from './balance-transactions.reader';

/** One balance transaction; another merchant's, or the other mode's, is a 404 like an unknown id. */
export async function getBalanceTransaction(reader: BalanceTransactionsReader, merchant: MerchantContext, id: string): Promise<Result<BalanceTransaction, ApiError>> {
  const txn = await reader.get(merchant.merchantId, merchant.livemode, id);
  return txn ? ok(txn) : err(notFound('balance transaction', id));
}
