import { aTransaction } from '../testing/balance-transaction.builder';
import { currenciesToConvert, PlanQuote as FxQuote, planSettlement } from './settlement-plan';

const NOW = Date.UTC(2026, 10, 28, 2);
const quote = (from: string, to: string, midRate: number, expiresAtMs = NOW + 60_000): FxQuote => ({ id: `fxq_${from}_${to}`, from, to, midRate, expiresAtMs });
const noQuotes = new Map<string, FxQuote>();

describe('the settlement plan', () => {
  it('given charges and a refund in one currency, when planned without a settlement currency, then one payout of their net', () => {
    const candidates = [aTransaction({ amount: 10_000, fee: 320 }), aTransaction({ amount: 2_500, fee: 103 }), aTransaction({ type: 'refund', amount: -1_000, fee: 0 })];
    const plan = planSettlement({ settlementCurrency: null, candidates, quotes: noQuotes, markupBps: 100, nowMs: NOW });
    expect(plan.payouts).toEqual([{ currency: 'usd', amount: 10_000 - 320 + 2_500 - 103 - 1_000, included: expect.any(Array), conversions: [] }]);
    expect(plan.payouts[0].included.map((t) => t.id).sort()).toEqual(candidates.map((t) => t.id).sort());
  });

  it('given a currency whose refunds exceed its takings, then it is carried and the other currency is still paid', () => {
    const plan = planSettlement({
      settlementCurrency: null,
      candidates: [aTransaction({ currency: 'eur', amount: 500 }), aTransaction({ currency: 'eur', type: 'refund', amount: -800 }), aTransaction({ currency: 'usd', amount: 700 })],
      quotes: noQuotes,
      markupBps: 100,
      nowMs: NOW,
    });
    expect(plan.payouts.map((p) => [p.currency, p.amount])).toEqual([['usd', 700]]);
    expect(plan.carried).toEqual([{ currency: 'eur', net: -300, transactions: 2, reason: 'not_positive' }]);
  });

  it('given nothing available, then no payout', () => {
    expect(planSettlement({ settlementCurrency: 'usd', candidates: [], quotes: noQuotes, markupBps: 100, nowMs: NOW })).toEqual({ payouts: [], carried: [] });
  });

  it('given a EUR-settling merchant with USD takings, then one EUR payout converted at the quote less the markup', () => {
    const usd = [aTransaction({ currency: 'usd', amount: 20_000, fee: 610 })];
    const eur = [aTransaction({ currency: 'eur', amount: 1_000 })];
    const plan = planSettlement({ settlementCurrency: 'eur', candidates: [...usd, ...eur], quotes: new Map([['usd', quote('usd', 'eur', 0.92)]]), markupBps: 100, nowMs: NOW });
    // 19,390 usd cents × 0.92 = 17,838.8 eur cents: gross 17,839, payout at 0.9108 = 17,660.412 → 17,660, markup 178.388 → 178, residue 1
    expect(plan.payouts).toHaveLength(1);
    const [payout] = plan.payouts;
    expect(payout.conversions).toEqual([{ from: 'usd', fromAmount: 19_390, gross: 17_839, payout: 17_660, markup: 178, residue: 1, rate: expect.closeTo(0.9108, 10), midRate: 0.92, quoteId: 'fxq_usd_eur', markupBps: 100 }]);
    expect(payout).toMatchObject({ currency: 'eur', amount: 1_000 + 17_660 });
    expect(payout.included).toHaveLength(2);
  });

  it('given a currency without a usable quote, then it is carried, never paid at a stale rate', () => {
    const candidates = [aTransaction({ currency: 'usd', amount: 5_000 }), aTransaction({ currency: 'gbp', amount: 100 })];
    const plan = planSettlement({ settlementCurrency: 'eur', candidates, quotes: new Map([['usd', quote('usd', 'eur', 0.92, NOW - 1)]]), markupBps: 100, nowMs: NOW });
    expect(plan.payouts).toEqual([]);
    expect(plan.carried.map((c) => [c.currency, c.reason])).toEqual([
      ['gbp', 'no_fx_quote'],
      ['usd', 'no_fx_quote'],
    ]);
  });

  it('given a 0-decimal and a 3-decimal currency into a 2-decimal one, then amounts stay integers of minor units', () => {
    const candidates = [aTransaction({ currency: 'jpy', amount: 10_000 }), aTransaction({ currency: 'bhd', amount: 12_345 })];
    const plan = planSettlement({ settlementCurrency: 'usd', candidates, quotes: new Map([['jpy', quote('jpy', 'usd', 0.0066)], ['bhd', quote('bhd', 'usd', 2.65)]]), markupBps: 100, nowMs: NOW });
    const [payout] = plan.payouts;
    for (const c of payout.conversions) expect(c.gross).toBe(c.payout + c.markup + c.residue);
    // 10,000 jpy = 66.00 usd; 12.345 bhd = 32.71425 usd
    expect(payout.conversions.map((c) => [c.from, c.gross])).toEqual([['bhd', 3_271], ['jpy', 6_600]]);
    expect(payout.amount).toBe(payout.conversions.reduce((sum, c) => sum + c.payout, 0));
  });

  it('given more transactions than one commit can mark, then the oldest are settled and the rest wait', () => {
    const candidates = Array.from({ length: 10 }, (_, i) => aTransaction({ amount: 100, availableOnMs: 10_000 - i }));
    const plan = planSettlement({ settlementCurrency: null, candidates, quotes: noQuotes, markupBps: 100, nowMs: NOW, maxTransactions: 4 });
    expect(plan.payouts[0].amount).toBe(400);
    expect(plan.payouts[0].included.map((t) => t.availableOnMs)).toEqual([9_991, 9_992, 9_993, 9_994]);
  });

  it('asks for quotes only for positive currencies other than the settlement currency', () => {
    const candidates = [aTransaction({ currency: 'usd', amount: 100 }), aTransaction({ currency: 'gbp', type: 'refund', amount: -100 }), aTransaction({ currency: 'eur', amount: 1 }), aTransaction({ currency: 'jpy', amount: 5 })];
    expect(currenciesToConvert('eur', candidates)).toEqual(['jpy', 'usd']);
    expect(currenciesToConvert(null, candidates)).toEqual([]);
  });
});
