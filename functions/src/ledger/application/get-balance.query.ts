import { merchantBalanceFromSum } from '../domain/journal';
import { LedgerReader } from './ledger.reader';

export interface Balance {
  readonly object: 'balance';
  readonly available: Array<{ amount: number; currency: string }>;
  readonly pending: Array<{ amount: number; currency: string }>;
  readonly livemode: boolean;
}

// Derived from the entries on every call, never from a stored running total: there is no balance
// document for captures to contend on. Captured funds stay pending until settlement pays them out.
export async function getBalance(ledger: LedgerReader, merchant: { merchantId: string; livemode: boolean }): Promise<Balance> {
  const currencies = (await ledger.currencies(merchant.merchantId, merchant.livemode)).sort();
  const pending = await Promise.all(
    currencies.map(async (currency) => ({
      amount: merchantBalanceFromSum(await ledger.sumAccount(merchant.merchantId, merchant.livemode, 'merchant_pending', currency)),
      currency,
    })),
  );
  return { object: 'balance', available: currencies.map((currency) => ({ amount: 0, currency })), pending, livemode: merchant.livemode };
}
