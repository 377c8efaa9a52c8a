import { QUEUES } from '../../contracts/payment-tasks.v1';
import { allZero, DAY, RUN_MS, settlementHarness, TODAY } from '../testing/settlement-harness';
import { runSettlementNow } from './run-settlement-now.command';
import { settleMerchant } from './settle-merchant.command';

const run = (h: ReturnType<typeof settlementHarness>, runId?: string) => settleMerchant(h.deps, { merchantId: 'acct_1', livemode: false, settlementDate: TODAY, runId });

describe('settle-merchant', () => {
  it('pays the available funds once, even when the task runs twice or is delivered twice at once', async () => {
    // given a merchant with two available charges, a refund and a charge not available yet
    const h = settlementHarness();
    h.settings();
    const first = h.capture({ gross: 10_000, fee: 320 });
    h.capture({ gross: 2_500, fee: 103 });
    h.refund({ paymentId: first.reference, amount: 1_000 });
    h.capture({ gross: 7_000, fee: 233, capturedMs: RUN_MS - DAY / 2 });

    // when the task is delivered twice concurrently, then once more
    const [a, b] = await Promise.all([run(h), run(h)]);
    const again = await run(h);

    // then exactly one payout of the available net, recorded once
    const payouts = h.store.allPayouts();
    expect(payouts).toHaveLength(1);
    expect(payouts[0]).toMatchObject({ status: 'pending', amount: 10_000 - 320 + 2_500 - 103 - 1_000, currency: 'usd', automatic: true, settlementDate: TODAY });
    expect([a.alreadySettled, b.alreadySettled].sort()).toEqual([false, true]);
    expect(again).toMatchObject({ alreadySettled: true, payouts: [{ id: payouts[0].id }] });
    // and the settled transactions carry the payout, the pending charge does not
    const txns = h.store.balanceTransactions();
    expect(txns.filter((t) => t.type === 'charge' && t.payoutId === payouts[0].id)).toHaveLength(2);
    expect(txns.filter((t) => t.type === 'charge' && t.payoutId === null)).toHaveLength(1);
    // and the net of what the payout settled is its amount
    expect(txns.filter((t) => t.payoutId === payouts[0].id && t.type !== 'payout').reduce((sum, t) => sum + t.net, 0)).toBe(payouts[0].amount);
    // and one submit task, delayed by the cancel window, and one payout.created event
    expect(h.tasks.inQueue(QUEUES.payoutSubmissions)).toEqual([{ queue: QUEUES.payoutSubmissions, name: `submit-payout-${payouts[0].id}`, payload: { payout_id: payouts[0].id }, delaySeconds: 60 }]);
    expect(h.store.outboxEvents().filter((e) => e.type === 'payout.created')).toHaveLength(1);
    expect(await h.available('usd')).toBe(0);
    expect(h.ledgerSums()).toEqual(allZero(h.ledgerSums()));
    // and the mobile apps' balance summary says what the ledger's sums say
    const sums = await h.store.sums('acct_1', false, h.clock.nowMs());
    expect(h.store.balanceSummary('acct_1', false)).toMatchObject({ available: { usd: 0 }, pending: { usd: 7_000 - 233 }, lastPayoutId: payouts[0].id });
    expect(sums).toEqual({ available: { usd: 0 }, pending: { usd: 7_000 - 233 } });
  });

  it('settles nothing a second time through another run the same day (the test helper twice)', async () => {
    const h = settlementHarness();
    h.settings();
    h.capture({ gross: 5_000 });
    const first = await runSettlementNow(h.deps, h.merchant(), {});
    h.clock.advance(1_000);
    const second = await runSettlementNow(h.deps, h.merchant(), {});
    expect(first.ok && first.value.payouts).toHaveLength(1);
    expect(second).toEqual({ ok: true, value: expect.objectContaining({ payouts: [], skippedReason: 'nothing_available' }) });
    expect(h.store.allPayouts()).toHaveLength(1);
  });

  it('makes no payout when nothing is available, and records the run', async () => {
    const h = settlementHarness();
    h.settings();
    h.capture({ gross: 5_000, capturedMs: RUN_MS - DAY });
    const result = await run(h);
    expect(result).toMatchObject({ payouts: [], skippedReason: 'nothing_available' });
    expect(h.store.allPayouts()).toEqual([]);
    expect(h.store.allSettlements()).toEqual([expect.objectContaining({ skippedReason: 'nothing_available', payoutIds: [] })]);
    expect(h.tasks.tasks).toEqual([]);
  });

  it('pays nothing to a merchant without a bank account, recording the run as skipped', async () => {
    const h = settlementHarness();
    h.capture({ gross: 5_000 });
    const result = await run(h);
    expect(result).toMatchObject({ payouts: [], skippedReason: 'no_bank_account' });
    expect(h.store.balanceTransactions().every((t) => t.payoutId === null)).toBe(true);
  });

  it('carries a negative balance and recovers it from later funds', async () => {
    // given refunds beyond what is available
    const h = settlementHarness();
    h.settings();
    const paid = h.capture({ gross: 1_000, capturedMs: RUN_MS - 5 * DAY });
    h.refund({ paymentId: paid.reference, amount: 1_000 });
    h.refund({ paymentId: paid.reference, amount: 500 });
    // when the day's run finds -500 available
    expect(await run(h)).toMatchObject({ payouts: [] });
    expect(await h.available('usd')).toBe(-500);
    expect(h.store.allSettlements()[0].carried).toEqual([{ currency: 'usd', net: -500, transactions: 3, reason: 'not_positive' }]);
    // then the next day's funds pay it back first
    h.capture({ gross: 2_000 });
    h.clock.advance(DAY);
    const next = await settleMerchant(h.deps, { merchantId: 'acct_1', livemode: false, settlementDate: '2026-11-29' });
    expect(next.payouts.map((p) => p.amount)).toEqual([1_500]);
    expect(await h.available('usd')).toBe(0);
    expect(h.ledgerSums()).toEqual(allZero(h.ledgerSums()));
  });

  it('pays a EUR-settling merchant its USD takings in EUR, recording the rate, the quote and the markup', async () => {
    // given a merchant settling in eur with usd and eur takings
    const h = settlementHarness({ rates: { 'usd:eur': 0.92 } });
    h.settings({ settlementCurrency: 'eur' });
    h.capture({ gross: 20_000, fee: 610 });
    h.capture({ gross: 1_000, currency: 'eur' });

    // when settled
    const { payouts } = await run(h);

    // then one eur payout: the eur net plus 19,390 usd cents at 0.92 less 1 % (17,660)
    expect(payouts).toEqual([expect.objectContaining({ currency: 'eur', amount: 1_000 + 17_660 })]);
    const journal = h.store.journals().find((j) => j.id === `jrn_set_${payouts[0].id}`)!;
    expect(journal.fx).toEqual([{ from: 'usd', to: 'eur', quoteId: h.fx.issued[0].id, rate: expect.closeTo(0.9108, 10), midRate: 0.92, markupBps: 100 }]);
    const fx = h.store.balanceTransactions().filter((t) => t.type === 'fx');
    expect(fx.find((t) => t.currency === 'usd')).toMatchObject({ amount: -19_390, payoutId: payouts[0].id });
    expect(fx.find((t) => t.currency === 'eur')).toMatchObject({ net: 17_660, fee: 178, exchangeRate: expect.closeTo(0.9108, 10), payoutId: payouts[0].id });
    // and every currency's ledger still sums to zero (fx_position per currency, the residue booked)
    expect(h.ledgerSums()).toEqual({ usd: 0, eur: 0 });
    expect(await h.available('usd')).toBe(0);
    expect(await h.available('eur')).toBe(0);
  });

  it('writes nothing when the FX provider is down, and settles on the retry', async () => {
    const h = settlementHarness();
    h.settings({ settlementCurrency: 'eur' });
    h.capture({ gross: 20_000 });
    h.fx.failNext(1);
    await expect(run(h)).rejects.toThrow();
    expect(h.store.allSettlements()).toEqual([]);
    expect((await run(h)).payouts).toHaveLength(1);
  });

  it('keeps test and live apart: a test run never touches live funds', async () => {
    const h = settlementHarness();
    h.settings();
    h.settings({}, 'acct_1', true);
    h.capture({ gross: 3_000 });
    h.capture({ gross: 9_000, livemode: true });
    const { payouts } = await run(h);
    expect(payouts.map((p) => [p.amount, p.livemode])).toEqual([[3_000, false]]);
    expect(await h.available('usd', 'acct_1', true)).toBe(9_000);
  });
});
