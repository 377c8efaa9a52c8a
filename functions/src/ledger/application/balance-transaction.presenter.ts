import { BalanceTransaction, statusAt } from '../domain/balance-transaction';

const seconds = (ms: number): number => Math.floor(ms / 1000);

/** The API's view (contracts/ledger-api.v1.ts BalanceTransactionObject); status is judged at `nowMs`. */
export function presentBalanceTransaction(txn: BalanceTransaction, nowMs: number) {
  return {
    id: txn.id,
    object: 'balance_transaction' as const,
    type: txn.type,
    amount: txn.amount,
    fee: txn.fee,
    fee_details: txn.feeDetails.map((detail) => ({ type: detail.type, amount: detail.amount, currency: detail.currency, description: detail.description })),
    net: txn.net,
    currency: txn.currency,
    status: statusAt(txn, nowMs),
    available_on: seconds(txn.availableOnMs),
    created: seconds(txn.createdMs),
    source: txn.source,
    exchange_rate: txn.exchangeRate,
    payout: txn.payoutId,
    description: txn.description,
    livemode: txn.livemode,
  };
}
