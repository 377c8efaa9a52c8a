import { balancedJournal } from './journal';
import { disputeJournal, disputeReversalJournal } from './dispute-journals';

const money = { id: 'jr_dp_1', disputeId: 'dp_1', paymentId: 'pay_1', processorDisputeId: 'pdp_1', merchantId: 'acct_1', livemode: false, currency: 'eur', amount: 5000, nowMs: 1_000 };
const sum = (entries: readonly { amount: number }[]) => entries.reduce((s, e) => s + e.amount, 0);

describe('dispute journals', () => {
  it('given a chargeback, when it opens, then the merchant pays amount and fee, balanced, as one adjustment', () => {
    const journal = disputeJournal({ ...money, fee: 1500 });
    expect(balancedJournal(journal).ok).toBe(true);
    expect(sum(journal.entries)).toBe(0);
    expect(journal.entries).toEqual(expect.arrayContaining([expect.objectContaining({ account: 'merchant_available', amount: 6500 }), expect.objectContaining({ account: 'processor_receivable', amount: -5000 }), expect.objectContaining({ account: 'platform_fee_revenue', amount: -1500 })]));
    expect(journal.balanceTransactions).toEqual([expect.objectContaining({ id: 'txn_dp_dp_1', type: 'adjustment', amount: -5000, fee: 1500, net: -6500, source: 'dp_1' })]);
  });

  it('given a won chargeback, when reinstated, then the amount comes back and the fee does not', () => {
    const journal = disputeReversalJournal(money);
    expect(balancedJournal(journal).ok).toBe(true);
    expect(journal.kind).toBe('dispute_reversal');
    expect(journal.balanceTransactions).toEqual([expect.objectContaining({ id: 'txn_dpr_dp_1', amount: 5000, fee: 0, net: 5000 })]);
  });
});
