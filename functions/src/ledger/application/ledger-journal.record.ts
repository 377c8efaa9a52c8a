import { z } from 'zod';
import { BALANCE_TRANSACTION_TYPES, BalanceTransaction, BalanceTransactionType } from '../domain/balance-transaction';
import { ACCOUNT_NAMES, AccountName, Journal, JOURNAL_KINDS, JournalKind } from '../domain/journal';

// How a journal is stored, declared by the ledger (like other contexts' record kinds): payments'
// transaction writes the journals of the movements it commits, and the ledger's readers parse them back.

// One immutable document per journal: its balanced entries, plus the same amounts summed per
// currency and account under `totals`, so a balance is a server-side sum over journals. Writing a
// journal twice writes the same document (its id derives from the payment or refund), never a second.
const Entry = z.object({
  account: z.enum(ACCOUNT_NAMES as [AccountName, ...AccountName[]]),
  currency: z.string(),
  amount: z.number().int(),
});

export const LedgerJournalDocument = z.object({
  journalId: z.string(),
  kind: z.enum(JOURNAL_KINDS as [JournalKind, ...JournalKind[]]),
  reference: z.string(),
  /** The processor's capture/refund id or the bank's transfer id, when known (reconciliation matches on it). */
  externalReference: z.string().optional(),
  fx: z.array(z.object({ from: z.string(), to: z.string(), quoteId: z.string(), rate: z.number().positive(), midRate: z.number().positive(), markupBps: z.number().int().min(0) })).optional(),
  merchantId: z.string(),
  livemode: z.boolean(),
  entries: z.array(Entry).min(2),
  totals: z.record(z.string(), z.record(z.string(), z.number().int())),
  createdMs: z.number().int(),
});

export type LedgerJournalDocument = z.infer<typeof LedgerJournalDocument>;

export function journalDocument(journal: Journal): LedgerJournalDocument {
  const totals: Record<string, Partial<Record<AccountName, number>>> = {};
  for (const entry of journal.entries) {
    const byAccount = (totals[entry.currency] ??= {});
    byAccount[entry.account] = (byAccount[entry.account] ?? 0) + entry.amount;
  }
  return {
    journalId: journal.id,
    kind: journal.kind,
    reference: journal.reference,
    ...(journal.externalReference ? { externalReference: journal.externalReference } : {}),
    ...(journal.fx && journal.fx.length > 0 ? { fx: journal.fx.map((detail) => ({ ...detail })) } : {}),
    merchantId: journal.merchantId,
    livemode: journal.livemode,
    entries: journal.entries.map((entry) => ({ account: entry.account, currency: entry.currency, amount: entry.amount })),
    totals: totals as Record<string, Record<string, number>>,
    createdMs: journal.createdMs,
  };
}

export const currencyRegistryId = (merchantId: string, livemode: boolean, currency: string): string =>
  `${merchantId}_${livemode ? 'live' : 'test'}_${currency}`;

/** The currencies a merchant's balance has to be summed over. */
export function currencyRegistryDocument(journal: Journal): Array<[string, { merchantId: string; livemode: boolean; currency: string }]> {
  const currencies = new Set(journal.entries.map((entry) => entry.currency));
  return [...currencies].map((currency) => [currencyRegistryId(journal.merchantId, journal.livemode, currency), { merchantId: journal.merchantId, livemode: journal.livemode, currency }]);
}

// One document per balance transaction, written beside its journal in the same commit. Settlement
// later sets `payoutId` (the only field that ever changes) when a payout pays it.
export const BalanceTransactionDocument = z.object({
  id: z.string().regex(/^txn_/),
  merchantId: z.string(),
  livemode: z.boolean(),
  type: z.enum(BALANCE_TRANSACTION_TYPES as [BalanceTransactionType, ...BalanceTransactionType[]]),
  amount: z.number().int(),
  fee: z.number().int(),
  feeDetails: z.array(z.object({ type: z.enum(['platform_fee', 'fx_markup']), amount: z.number().int(), currency: z.string(), description: z.string() })),
  net: z.number().int(),
  currency: z.string().regex(/^[a-z]{3}$/),
  availableOnMs: z.number().int(),
  createdMs: z.number().int(),
  source: z.string(),
  exchangeRate: z.number().positive().nullable(),
  payoutId: z.string().nullable(),
  journalId: z.string(),
  description: z.string().nullable(),
});

export type BalanceTransactionDocument = z.infer<typeof BalanceTransactionDocument>;

export function balanceTransactionDocument(txn: BalanceTransaction): BalanceTransactionDocument {
  return { ...txn, feeDetails: txn.feeDetails.map((detail) => ({ ...detail })) };
}
