import { BalanceTransactionsReader } from './balance-transactions.reader';

export interface Balance {
  readonly object: 'balance';
  readonly available: Array<{ amount: number; currency: string }>;
  readonly pending: Array<{ amount: number; currency: string }>;
  readonly livemode: boolean;
}

// Derived from the balance transactions on every call, never from a stored running total: there is
// no balance document for captures to contend on. A charge is pending until its available_on; a
// refund larger than what is available shows a negative available amount, carried until later funds
// cover it (settlement pays out only a positive net).
export async function getBalance(balances: BalanceTransactionsReader, merchant: { merchantId: string; livemode: boolean }, nowMs: number): Promise<Balance> {
  const sums = await balances.sums(merchant.merchantId, merchant.livemode, nowMs);
  const currencies = [...new Set([...Object.keys(sums.available), ...Object.keys(sums.pending)])].sort();
  return {
    object: 'balance',
    available: currencies.map((currency) => ({ amount: sums.available[currency] ?? 0, currency })),
    pending: currencies.map((currency) => ({ amount: sums.pending[currency] ?? 0, currency })),
    livemode: merchant.livemode,
  };
}
