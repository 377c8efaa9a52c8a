import { captureJournal, refundJournal } from '../domain/journal';
import { journalDocument, LedgerJournalDocument } from './ledger-journal.record';

describe('ledger journal documents', () => {
  it('given a capture, then one document holds the balanced entries and per-account totals', () => {
    const doc = journalDocument(captureJournal({ id: 'jrn_cap_pay_1', paymentId: 'pay_1', merchantId: 'acct_1', livemode: false, currency: 'usd', gross: 10_000, fee: 290, nowMs: 1 }));
    expect(LedgerJournalDocument.parse(doc)).toEqual(doc);
    expect(doc.totals).toEqual({ usd: { processor_receivable: 10_000, merchant_pending: -9_710, platform_fee_revenue: -290 } });
    expect(doc.entries.reduce((sum, e) => sum + e.amount, 0)).toBe(0);
  });

  it('given a refund, then the merchant account is debited and the processor receivable credited', () => {
    const doc = journalDocument(refundJournal({ id: 'jrn_ref_re_1', refundId: 're_1', merchantId: 'acct_1', livemode: false, currency: 'jpy', amount: 500, nowMs: 1 }));
    expect(doc.totals).toEqual({ jpy: { merchant_pending: 500, processor_receivable: -500 } });
  });
});
