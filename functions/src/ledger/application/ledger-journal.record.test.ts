import { captureJournal, refundJournal, settlementJournal } from '../domain/journal';
import { balanceTransactionDocument, BalanceTransactionDocument, journalDocument, LedgerJournalDocument } from './ledger-journal.record';

describe('ledger journal documents', () => {
  it('given a capture, then one document holds the balanced entries and per-account totals, and its charge parses back', () => {
    const journal = captureJournal({ id: 'jrn_cap_pay_1', paymentId: 'pay_1', captureId: 'cap_1', merchantId: 'acct_1', livemode: false, currency: 'usd', gross: 10_000, fee: 290, nowMs: 1, availableOnMs: 2 });
    const doc = journalDocument(journal);
    expect(LedgerJournalDocument.parse(doc)).toEqual(doc);
    expect(doc.totals).toEqual({ usd: { processor_receivable: 10_000, merchant_pending: -9_710, platform_fee_revenue: -290 } });
    expect(doc.externalReference).toBe('cap_1');
    expect(doc.entries.reduce((sum, e) => sum + e.amount, 0)).toBe(0);
    const txn = balanceTransactionDocument(journal.balanceTransactions[0]);
    expect(BalanceTransactionDocument.parse(txn)).toEqual(txn);
  });

  it('given a refund, then the merchant’s available account is debited and the processor receivable credited', () => {
    const doc = journalDocument(refundJournal({ id: 'jrn_ref_re_1', refundId: 're_1', paymentId: 'pay_1', merchantId: 'acct_1', livemode: false, currency: 'jpy', amount: 500, nowMs: 1 }));
    expect(doc.totals).toEqual({ jpy: { merchant_available: 500, processor_receivable: -500 } });
  });

  it('given a converted settlement, then the document keeps the quote and parses back', () => {
    const charge = captureJournal({ id: 'j', paymentId: 'pay_1', merchantId: 'acct_1', livemode: false, currency: 'usd', gross: 1_000, fee: 0, nowMs: 1, availableOnMs: 1 }).balanceTransactions[0];
    const journal = settlementJournal({
      journalId: 'jrn_set_po_1', payoutId: 'po_1', merchantId: 'acct_1', livemode: false, nowMs: 2, settlementCurrency: 'eur', included: [charge],
      conversions: [{ from: 'usd', fromAmount: 1_000, gross: 920, payout: 910, markup: 9, residue: 1, rate: 0.9108, midRate: 0.92, quoteId: 'fxq_1', markupBps: 100 }], payoutAmount: 910,
    });
    const doc = journalDocument(journal);
    expect(LedgerJournalDocument.parse(doc)).toEqual(doc);
    expect(doc.fx).toEqual([expect.objectContaining({ quoteId: 'fxq_1', rate: 0.9108 })]);
    for (const txn of journal.balanceTransactions) expect(BalanceTransactionDocument.parse(balanceTransactionDocument(txn))).toEqual(txn);
  });
});
