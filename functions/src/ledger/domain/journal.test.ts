import { balancedJournal, captureJournal, Journal, merchantBalanceFromSum, refundJournal } from './journal';
import { platformFee } from '../../shared/fee-schedule';

const sumPerCurrency = (journal: Journal) =>
  journal.entries.reduce<Record<string, number>>((sums, e) => ({ ...sums, [e.currency]: (sums[e.currency] ?? 0) + e.amount }), {});
const base = { merchantId: 'acct_1', livemode: false, currency: 'usd', nowMs: 0 };

describe('journals', () => {
  it('when a capture is journalled, then it balances and the merchant is owed gross minus fee', () => {
    const journal = captureJournal({ ...base, id: 'jrn_1', paymentId: 'pay_1', gross: 10_000, fee: 290 });
    expect(sumPerCurrency(journal)).toEqual({ usd: 0 });
    const pending = journal.entries.find((e) => e.account === 'merchant_pending')!;
    expect(merchantBalanceFromSum(pending.amount)).toBe(9_710);
    expect(journal.entries.find((e) => e.account === 'platform_fee_revenue')?.amount).toBe(-290);
  });

  it('given no fee, when a capture is journalled, then there is no fee entry', () => {
    const journal = captureJournal({ ...base, id: 'jrn_1', paymentId: 'pay_1', gross: 100, fee: 0 });
    expect(journal.entries.map((e) => e.account)).toEqual(['processor_receivable', 'merchant_pending']);
  });

  it('when a refund is journalled, then it balances and reduces what the merchant is owed', () => {
    const journal = refundJournal({ ...base, id: 'jrn_2', refundId: 're_1', amount: 2_500 });
    expect(sumPerCurrency(journal)).toEqual({ usd: 0 });
    expect(journal.entries.find((e) => e.account === 'merchant_pending')?.amount).toBe(2_500);
  });

  it('given entries that do not sum to zero in one currency, then the journal is refused', () => {
    const journal: Journal = {
      id: 'jrn_x', kind: 'capture', reference: 'pay_1', merchantId: 'acct_1', livemode: false, createdMs: 0,
      entries: [
        { account: 'processor_receivable', merchantId: 'acct_1', currency: 'usd', amount: 100 },
        { account: 'merchant_pending', merchantId: 'acct_1', currency: 'eur', amount: -100 },
      ],
    };
    expect(balancedJournal(journal)).toMatchObject({ ok: false, error: { code: 'unbalanced_journal' } });
  });

  it('given a fractional or zero entry, then the journal is refused as invalid', () => {
    const entries = [
      { account: 'processor_receivable' as const, merchantId: 'acct_1', currency: 'usd', amount: 0.5 },
      { account: 'merchant_pending' as const, merchantId: 'acct_1', currency: 'usd', amount: -0.5 },
    ];
    const journal: Journal = { id: 'j', kind: 'capture', reference: 'p', merchantId: 'acct_1', livemode: false, createdMs: 0, entries };
    expect(balancedJournal(journal)).toMatchObject({ ok: false, error: { code: 'invalid_entry' } });
  });

  it('given a single entry, then the journal is refused', () => {
    const journal: Journal = { id: 'j', kind: 'capture', reference: 'p', merchantId: 'a', livemode: false, createdMs: 0, entries: [] };
    expect(balancedJournal(journal).ok).toBe(false);
  });

  it('fees are 2.9% rounded half-up to the minor unit', () => {
    expect(platformFee(10_000)).toBe(290);
    expect(platformFee(50)).toBe(1); // 1.45 -> 1
    expect(platformFee(1_000, 250)).toBe(25);
    expect(platformFee(20, 250)).toBe(1); // 0.5 -> 1
  });
});
