import type { Firestore, Query, QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { z } from 'zod';
import { InvalidStoredDocumentError } from '../../platform/adapters/stored-document';
import { COLLECTIONS } from '../../shared/firestore-collections';
import type { LedgerDayReader } from '../application/reconciliation.ports';
import type { LedgerLine } from '../domain/reconciliation-lines';

// Only what reconciliation needs of a ledger journal document (written by the ledger; the ledger's
// own schema may carry more): its kind, our reference, the merchant and the processor_receivable legs.
const JournalForRecon = z.object({
  journalId: z.string(),
  kind: z.enum(['capture', 'refund']),
  reference: z.string(),
  merchantId: z.string(),
  livemode: z.boolean(),
  entries: z.array(z.object({ account: z.string(), currency: z.string(), amount: z.number().int() })),
  createdMs: z.number().int(),
  /** The processor's capture / refund id, on journals written since the ledger records it. */
  externalReference: z.string().nullish(),
});

export const LEDGER_PAGE_SIZE = 500;

/**
 * The capture and refund journals of a time window and mode, sorted by reference (our payment or
 * refund id), read page by page (500 documents; the next page starts after the last document), so a
 * day of any size is streamed. Index: ledger_journals (livemode, kind, reference, createdMs, __name__).
 * The amount is what the processor owes or is owed: the journal's processor_receivable leg (the gross
 * of a capture, the amount of a refund).
 */
export class FirestoreLedgerDayReader implements LedgerDayReader {
  constructor(
    private readonly db: Firestore,
    private readonly pageSize = LEDGER_PAGE_SIZE,
  ) {}

  async *lines(livemode: boolean, fromMs: number, toMs: number): AsyncGenerator<LedgerLine> {
    const query: Query = this.db
      .collection(COLLECTIONS.ledgerJournals)
      .where('livemode', '==', livemode)
      .where('kind', 'in', ['capture', 'refund'])
      .where('createdMs', '>=', fromMs)
      .where('createdMs', '<', toMs)
      .orderBy('reference')
      .orderBy('createdMs')
      .orderBy('__name__');
    let after: QueryDocumentSnapshot | undefined;
    for (;;) {
      const page = await (after === undefined ? query : query.startAfter(after)).limit(this.pageSize).get();
      for (const doc of page.docs) yield ledgerLine(doc);
      if (page.docs.length < this.pageSize) return;
      after = page.docs[page.docs.length - 1];
    }
  }
}

function ledgerLine(doc: QueryDocumentSnapshot): LedgerLine {
  const parsed = JournalForRecon.safeParse(doc.data());
  if (!parsed.success) throw new InvalidStoredDocumentError(COLLECTIONS.ledgerJournals, doc.id, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`));
  const journal = parsed.data;
  const receivable = journal.entries.filter((entry) => entry.account === 'processor_receivable');
  if (receivable.length === 0) throw new InvalidStoredDocumentError(COLLECTIONS.ledgerJournals, doc.id, ['entries: no processor_receivable leg']);
  const currency = receivable[0].currency;
  const amount = Math.abs(receivable.filter((entry) => entry.currency === currency).reduce((sum, entry) => sum + entry.amount, 0));
  return { reference: journal.reference, kind: journal.kind, journalId: journal.journalId, merchantId: journal.merchantId, currency, amount, createdMs: journal.createdMs, externalReference: journal.externalReference ?? null };
}
