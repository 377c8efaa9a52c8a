import { err, ok, Result } from '../../shared/result';

// Accounts are named per merchant where the money is owed to one. Debits are positive, credits
// negative, so a balanced journal sums to zero in every currency.
export type AccountName = 'processor_receivable' | 'merchant_pending' | 'platform_fee_revenue';

export interface LedgerEntry {
  readonly account: AccountName;
  readonly merchantId: string;
  readonly currency: string;
  readonly amount: number;
}

export interface Journal {
  readonly id: string;
  readonly kind: 'capture' | 'refund';
  readonly reference: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly entries: readonly LedgerEntry[];
  readonly createdMs: number;
}

export type JournalError = { readonly code: 'unbalanced_journal' | 'invalid_entry'; readonly message: string };

export function balancedJournal(journal: Journal): Result<Journal, JournalError> {
  const sums = new Map<string, number>();
  for (const entry of journal.entries) {
    if (!Number.isSafeInteger(entry.amount) || entry.amount === 0) {
      return err({ code: 'invalid_entry', message: `Entry on ${entry.account} must be a non-zero integer, got ${entry.amount}` });
    }
    sums.set(entry.currency, (sums.get(entry.currency) ?? 0) + entry.amount);
  }
  for (const [currency, sum] of sums) {
    if (sum !== 0) return err({ code: 'unbalanced_journal', message: `Journal ${journal.id} is off by ${sum} ${currency}` });
  }
  return journal.entries.length >= 2 ? ok(journal) : err({ code: 'unbalanced_journal', message: 'A journal needs at least two entries' });
}

function mustBalance(journal: Journal): Journal {
  const checked = balancedJournal(journal);
  // Reaching this is a programming error in the journal builders below, never a merchant input.
  if (!checked.ok) throw new Error(checked.error.message);
  return checked.value;
}

/** Capture: the processor owes us the gross; we owe the merchant the net; the fee is our revenue. */
export function captureJournal(input: { id: string; paymentId: string; merchantId: string; livemode: boolean; currency: string; gross: number; fee: number; nowMs: number }): Journal {
  const { merchantId, currency, gross, fee } = input;
  const entries: LedgerEntry[] = [
    { account: 'processor_receivable', merchantId, currency, amount: gross },
    { account: 'merchant_pending', merchantId, currency, amount: -(gross - fee) },
  ];
  if (fee > 0) entries.push({ account: 'platform_fee_revenue', merchantId, currency, amount: -fee });
  return mustBalance({ id: input.id, kind: 'capture', reference: input.paymentId, merchantId, livemode: input.livemode, entries, createdMs: input.nowMs });
}

/** Refund: the merchant's balance returns the money to the processor; fees are not returned. */
export function refundJournal(input: { id: string; refundId: string; merchantId: string; livemode: boolean; currency: string; amount: number; nowMs: number }): Journal {
  const { merchantId, currency, amount } = input;
  const entries: LedgerEntry[] = [
    { account: 'merchant_pending', merchantId, currency, amount },
    { account: 'processor_receivable', merchantId, currency, amount: -amount },
  ];
  return mustBalance({ id: input.id, kind: 'refund', reference: input.refundId, merchantId, livemode: input.livemode, entries, createdMs: input.nowMs });
}

/** What the merchant is owed, from the ledger's point of view (a liability, so credits count up). */
export const merchantBalanceFromSum = (merchantPendingSum: number): number => -merchantPendingSum;
