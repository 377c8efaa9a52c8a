import { z } from 'zod';
import { Journal } from '../domain/journal';

// One immutable document per entry, with an id derived from the journal: writing a journal twice
// writes the same documents, never a second set.
export const LedgerEntryDocument = z.object({
  journalId: z.string(),
  kind: z.enum(['capture', 'refund']),
  reference: z.string(),
  merchantId: z.string(),
  livemode: z.boolean(),
  account: z.enum(['processor_receivable', 'merchant_pending', 'platform_fee_revenue']),
  currency: z.string(),
  amount: z.number().int(),
  createdMs: z.number().int(),
});

export type LedgerEntryDocument = z.infer<typeof LedgerEntryDocument>;

export function journalEntryDocuments(journal: Journal): Array<[string, LedgerEntryDocument]> {
  return journal.entries.map((entry, index) => [
    `${journal.id}_${index}`,
    {
      journalId: journal.id,
      kind: journal.kind,
      reference: journal.reference,
      merchantId: entry.merchantId,
      livemode: journal.livemode,
      account: entry.account,
      currency: entry.currency,
      amount: entry.amount,
      createdMs: journal.createdMs,
    },
  ]);
}

export const currencyRegistryId = (merchantId: string, livemode: boolean, currency: string): string =>
  `${merchantId}_${livemode ? 'live' : 'test'}_${currency}`;

/** The currencies a merchant's balance has to be summed over. */
export function currencyRegistryDocument(journal: Journal): Array<[string, { merchantId: string; livemode: boolean; currency: string }]> {
  const currencies = new Set(journal.entries.map((entry) => entry.currency));
  return [...currencies].map((currency) => [currencyRegistryId(journal.merchantId, journal.livemode, currency), { merchantId: journal.merchantId, livemode: journal.livemode, currency }]);
}
