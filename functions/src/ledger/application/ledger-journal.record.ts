import { z } from 'zod';
import { AccountName, Journal } from '../domain/journal';

// How a journal is stored, declared by the ledger (like other contexts' record kinds): payments'
// transaction writes the journals of the movements it commits, and the ledger's readers parse them back.

// One immutable document per journal: its balanced entries, plus the same amounts summed per
// currency and account under `totals`, so a balance is a server-side sum over journals. Writing a
// journal twice writes the same document (its id derives from the payment or refund), never a second.
const Entry = z.object({
  account: z.enum(['processor_receivable', 'merchant_pending', 'platform_fee_revenue']),
  currency: z.string(),
  amount: z.number().int(),
});

export const LedgerJournalDocument = z.object({
  journalId: z.string(),
  kind: z.enum(['capture', 'refund']),
  reference: z.string(),
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
