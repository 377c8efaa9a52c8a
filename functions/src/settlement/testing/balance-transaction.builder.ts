import type { BalanceTransaction } from '../../ledger/domain/balance-transaction';

let sequence = 0;

/** A balance transaction for a test: an available charge of 1,000 usd unless told otherwise. */
export function aTransaction(overrides: Partial<BalanceTransaction> = {}): BalanceTransaction {
  sequence += 1;
  const amount = overrides.amount ?? 1_000;
  const fee = overrides.fee ?? 0;
  return {
    id: `txn_test${sequence}`,
    merchantId: 'acct_1',
    livemode: false,
    type: 'charge',
    amount,
    fee,
    feeDetails: [],
    net: amount - fee,
    currency: 'usd',
    availableOnMs: 1_000,
    createdMs: 1_000 + sequence,
    source: `pay_test${sequence}`,
    exchangeRate: null,
    payoutId: null,
    journalId: `jrn_cap_pay_test${sequence}`,
    description: null,
    ...overrides,
  };
}
