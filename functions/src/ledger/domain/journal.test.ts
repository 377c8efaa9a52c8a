import { BalanceTransaction } from './balance-transaction';
import { balancedJournal, captureJournal, Journal, merchantBalanceFromSum, payoutOutcomeJournal, refundJournal, settlementJournal } from './journal';
import { platformFee } from '../../shared/fee-schedule';

const sumPerCurrency = (journal: Journal) =>
  journal.entries.reduce<Record<string, number>>((sums, e) => ({ ...sums, [e.currency]: (sums[e.currency] ?? 0) + e.amount }), {});
const accountSum = (journal: Journal, account: string, currency: string) =>
  journal.entries.filter((e) => e.account === account && e.currency === currency).reduce((sum, e) => sum + e.amount, 0);
const base = { merchantId: 'acct_1', livemode: false, currency: 'usd', nowMs: 0 };
const DAY = 86_400_000;

const charge = (paymentId: string, gross: number, fee: number, currency = 'usd'): BalanceTransaction =>
  captureJournal({ ...base, currency, id: `jrn_cap_${paymentId}`, paymentId, gross, fee, availableOnMs: 2 * DAY }).balanceTransactions[0];
const refund = (refundId: string, amount: number, currency = 'usd'): BalanceTransaction =>
  refundJournal({ ...base, currency, id: `jrn_ref_${refundId}`, refundId, paymentId: 'pay_1', amount }).balanceTransactions[0];

describe('capture and refund journals', () => {
  it('when a capture is journalled, then it balances, the merchant is owed gross minus fee and a pending charge explains it', () => {
    const journal = captureJournal({ ...base, id: 'jrn_1', paymentId: 'pay_1', captureId: 'cap_9', gross: 10_000, fee: 290, availableOnMs: 2 * DAY });
    expect(sumPerCurrency(journal)).toEqual({ usd: 0 });
    expect(merchantBalanceFromSum(accountSum(journal, 'merchant_pending', 'usd'))).toBe(9_710);
    expect(accountSum(journal, 'platform_fee_revenue', 'usd')).toBe(-290);
    expect(journal.externalReference).toBe('cap_9');
    expect(journal.balanceTransactions).toEqual([
      expect.objectContaining({ id: 'txn_cap_pay_1', type: 'charge', amount: 10_000, fee: 290, net: 9_710, availableOnMs: 2 * DAY, source: 'pay_1', payoutId: null, journalId: 'jrn_1', feeDetails: [expect.objectContaining({ type: 'platform_fee', amount: 290 })] }),
    ]);
  });

  it('given no fee, when a capture is journalled, then there is no fee entry and no fee detail', () => {
    const journal = captureJournal({ ...base, id: 'jrn_1', paymentId: 'pay_1', gross: 100, fee: 0, availableOnMs: 0 });
    expect(journal.entries.map((e) => e.account)).toEqual(['processor_receivable', 'merchant_pending']);
    expect(journal.balanceTransactions[0].feeDetails).toEqual([]);
  });

  it('when a refund is journalled, then it balances and takes the money from the available balance at once', () => {
    const journal = refundJournal({ ...base, id: 'jrn_2', refundId: 're_1', paymentId: 'pay_1', amount: 2_500, nowMs: 5 });
    expect(sumPerCurrency(journal)).toEqual({ usd: 0 });
    expect(accountSum(journal, 'merchant_available', 'usd')).toBe(2_500);
    expect(journal.balanceTransactions).toEqual([expect.objectContaining({ type: 'refund', amount: -2_500, net: -2_500, availableOnMs: 5, source: 're_1' })]);
  });
});

describe('balance checks', () => {
  const noTxns = { balanceTransactions: [] as BalanceTransaction[] };

  it('given entries that do not sum to zero in one currency, then the journal is refused', () => {
    const journal: Journal = {
      id: 'jrn_x', kind: 'capture', reference: 'pay_1', merchantId: 'acct_1', livemode: false, createdMs: 0, ...noTxns,
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
    const journal: Journal = { id: 'j', kind: 'capture', reference: 'p', merchantId: 'acct_1', livemode: false, createdMs: 0, entries, ...noTxns };
    expect(balancedJournal(journal)).toMatchObject({ ok: false, error: { code: 'invalid_entry' } });
  });

  it('given a single entry, then the journal is refused', () => {
    const journal: Journal = { id: 'j', kind: 'capture', reference: 'p', merchantId: 'a', livemode: false, createdMs: 0, entries: [], ...noTxns };
    expect(balancedJournal(journal).ok).toBe(false);
  });

  it('given a balance transaction whose net is not amount minus fee, then the journal is refused', () => {
    const good = captureJournal({ ...base, id: 'j', paymentId: 'p', gross: 100, fee: 3, availableOnMs: 0 });
    const bad: Journal = { ...good, balanceTransactions: [{ ...good.balanceTransactions[0], net: 100 }] };
    expect(balancedJournal(bad)).toMatchObject({ ok: false, error: { code: 'invalid_entry' } });
  });

  it('fees are 2.9% rounded half-up to the minor unit', () => {
    expect(platformFee(10_000)).toBe(290);
    expect(platformFee(50)).toBe(1); // 1.45 -> 1
    expect(platformFee(1_000, 250)).toBe(25);
    expect(platformFee(20, 250)).toBe(1); // 0.5 -> 1
  });
});

describe('settlement journals', () => {
  const settlement = { journalId: 'jrn_set_po_1', payoutId: 'po_1', merchantId: 'acct_1', livemode: false, nowMs: 3 * DAY };

  it('given charges and a refund in the settlement currency, when settled, then pending is released, the net goes in transit and every txn belongs to the payout', () => {
    const included = [charge('pay_1', 10_000, 290), charge('pay_2', 2_500, 103), refund('re_1', 1_000)];
    const journal = settlementJournal({ ...settlement, settlementCurrency: 'usd', included, conversions: [], payoutAmount: 9_710 + 2_397 - 1_000 });
    expect(sumPerCurrency(journal)).toEqual({ usd: 0 });
    expect(accountSum(journal, 'merchant_pending', 'usd')).toBe(9_710 + 2_397);
    expect(accountSum(journal, 'merchant_available', 'usd')).toBe(-1_000);
    expect(accountSum(journal, 'payouts_in_transit', 'usd')).toBe(-11_107);
    expect(journal.balanceTransactions).toEqual([expect.objectContaining({ id: 'txn_set_po_1', type: 'payout', amount: -11_107, net: -11_107, payoutId: 'po_1', source: 'po_1' })]);
  });

  it('given USD funds for a EUR-settling merchant, when settled, then each currency balances through the FX position, the markup is revenue and the residue is kept', () => {
    const included = [charge('pay_1', 10_000, 290)];
    const conversion = { from: 'usd', fromAmount: 9_710, gross: 8_933, payout: 8_843, markup: 89, residue: 1, rate: 0.9108, midRate: 0.92, quoteId: 'fxq_1', markupBps: 100 };
    const journal = settlementJournal({ ...settlement, settlementCurrency: 'eur', included, conversions: [conversion], payoutAmount: 8_843 });
    expect(sumPerCurrency(journal)).toEqual({ usd: 0, eur: 0 });
    expect(accountSum(journal, 'fx_position', 'usd')).toBe(-9_710);
    expect(accountSum(journal, 'fx_position', 'eur')).toBe(8_933);
    expect(accountSum(journal, 'fx_markup_revenue', 'eur')).toBe(-89);
    expect(accountSum(journal, 'fx_rounding', 'eur')).toBe(-1);
    expect(journal.fx).toEqual([{ from: 'usd', to: 'eur', quoteId: 'fxq_1', rate: 0.9108, midRate: 0.92, markupBps: 100 }]);
    const fxIn = journal.balanceTransactions.find((t) => t.type === 'fx' && t.currency === 'eur');
    expect(fxIn).toMatchObject({ amount: 8_932, fee: 89, net: 8_843, exchangeRate: 0.9108, payoutId: 'po_1' });
    expect(journal.balanceTransactions.find((t) => t.type === 'fx' && t.currency === 'usd')).toMatchObject({ amount: -9_710, net: -9_710 });
    // what the payout paid, in its currency: the sum of the net of its non-payout transactions
    const explained = [...included.filter((t) => t.currency === 'eur'), ...journal.balanceTransactions.filter((t) => t.type !== 'payout' && t.currency === 'eur')].reduce((s, t) => s + t.net, 0);
    expect(explained).toBe(8_843);
  });

  it('given 0- and 3-decimal currencies converted into one payout, then every currency balances on its own', () => {
    const included = [charge('pay_j', 5_000, 145, 'jpy'), charge('pay_k', 12_345, 358, 'kwd')];
    const conversions = [
      { from: 'jpy', fromAmount: 4_855, gross: 3_040, payout: 3_009, markup: 30, residue: 1, rate: 0.6198, midRate: 0.6261, quoteId: 'q1', markupBps: 100 },
      { from: 'kwd', fromAmount: 11_987, gross: 3_899, payout: 3_860, markup: 39, residue: 0, rate: 0.322, midRate: 0.3253, quoteId: 'q2', markupBps: 100 },
    ];
    const journal = settlementJournal({ ...settlement, settlementCurrency: 'usd', included, conversions, payoutAmount: 3_009 + 3_860 });
    expect(sumPerCurrency(journal)).toEqual({ jpy: 0, kwd: 0, usd: 0 });
    expect(accountSum(journal, 'payouts_in_transit', 'usd')).toBe(-6_869);
  });

  it('given a conversion whose legs rounded up more than down (residue −1), then the rounding account is debited and every currency still balances', () => {
    // gross 2.5 → 2 and markup 1.5 → 2 (half-even), payout 1 (rounded down): 2 − 1 − 2 = −1
    const conversion = { from: 'jpy', fromAmount: 4, gross: 2, payout: 1, markup: 2, residue: -1, rate: 0.25, midRate: 0.625, quoteId: 'q3', markupBps: 6_000 };
    const journal = settlementJournal({ ...settlement, settlementCurrency: 'usd', included: [charge('pay_j', 4, 0, 'jpy')], conversions: [conversion], payoutAmount: 1 });
    expect(sumPerCurrency(journal)).toEqual({ jpy: 0, usd: 0 });
    expect(accountSum(journal, 'fx_rounding', 'usd')).toBe(1);
    expect(accountSum(journal, 'fx_position', 'usd')).toBe(2);
    expect(journal.balanceTransactions.find((t) => t.type === 'fx' && t.currency === 'usd')).toMatchObject({ amount: 3, fee: 2, net: 1 });
  });

  it('given a conversion whose residue is zero, then no rounding entry is written', () => {
    const conversion = { from: 'eur', fromAmount: 1_000, gross: 1_080, payout: 1_070, markup: 10, residue: 0, rate: 1.0692, midRate: 1.08, quoteId: 'q4', markupBps: 100 };
    const journal = settlementJournal({ ...settlement, settlementCurrency: 'usd', included: [charge('pay_e', 1_000, 0, 'eur')], conversions: [conversion], payoutAmount: 1_070 });
    expect(journal.entries.filter((e) => e.account === 'fx_rounding')).toEqual([]);
    expect(sumPerCurrency(journal)).toEqual({ eur: 0, usd: 0 });
  });

  it.each([
    ['a payout amount that the legs do not add up to', { payoutAmount: 1 }],
    ['a transaction already settled', { included: [{ ...charge('pay_1', 100, 0), payoutId: 'po_old' }] }],
    ['another merchant’s transaction', { included: [{ ...charge('pay_1', 100, 0), merchantId: 'acct_2' }] }],
    ['a foreign currency without a conversion', { included: [charge('pay_1', 100, 0, 'gbp')], payoutAmount: 100 }],
  ])('given %s, then building the journal throws (a programming error, never booked)', (_, override) => {
    expect(() => settlementJournal({ ...settlement, settlementCurrency: 'usd', included: [charge('pay_1', 100, 0)], conversions: [], payoutAmount: 100, ...override })).toThrow();
  });
});

describe('payout outcome journals', () => {
  const outcome = { payoutId: 'po_1', merchantId: 'acct_1', livemode: false, currency: 'eur', amount: 8_843, nowMs: 9 };

  it('when paid, then the money leaves the platform bank and no balance transaction is added', () => {
    const journal = payoutOutcomeJournal({ ...outcome, kind: 'payout_paid' });
    expect(journal.id).toBe('jrn_paid_po_1');
    expect(accountSum(journal, 'platform_bank', 'eur')).toBe(-8_843);
    expect(journal.balanceTransactions).toEqual([]);
  });

  it.each([
    ['payout_failed', 'payouts_in_transit', 'payout_failure'],
    ['payout_canceled', 'payouts_in_transit', 'payout_cancel'],
    ['payout_returned', 'platform_bank', 'payout_failure'],
  ] as const)('when %s, then the money returns to the available balance from %s with a %s transaction', (kind, from, type) => {
    const journal = payoutOutcomeJournal({ ...outcome, kind, reason: 'account_closed' });
    expect(sumPerCurrency(journal)).toEqual({ eur: 0 });
    expect(accountSum(journal, from, 'eur')).toBe(8_843);
    expect(accountSum(journal, 'merchant_available', 'eur')).toBe(-8_843);
    expect(journal.balanceTransactions).toEqual([expect.objectContaining({ type, amount: 8_843, net: 8_843, availableOnMs: 9, payoutId: null, source: 'po_1', description: 'account_closed' })]);
  });

  it('given a non-positive amount, then no outcome journal is built', () => {
    expect(() => payoutOutcomeJournal({ ...outcome, amount: 0, kind: 'payout_paid' })).toThrow();
  });
});
