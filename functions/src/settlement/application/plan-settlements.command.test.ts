import { QUEUES } from '../../contracts/payment-tasks.v1';
import { DAY, RUN_MS, settlementHarness } from '../testing/settlement-harness';
import { planSettlements } from './plan-settlements.command';
import { settleMerchant } from './settle-merchant.command';
import { createManualPayout, prepareManualPayout } from './create-manual-payout.command';

describe('plan-settlements', () => {
  it('fans out one named task per merchant and mode with something to settle today, page by page, and nothing twice on a re-run', async () => {
    // given daily merchants with available funds (some in both modes), a weekly one anchored today
    // (Saturday) and one on Monday, a manual one, one without a bank account, and one with funds not available yet
    const h = settlementHarness();
    for (let i = 0; i < 5; i++) {
      h.settings({}, `acct_d${i}`);
      h.capture({ gross: 1_000, merchantId: `acct_d${i}` });
      h.capture({ gross: 2_000, merchantId: `acct_d${i}` });
    }
    for (const merchantId of ['acct_d0', 'acct_d1']) {
      h.settings({}, merchantId, true);
      h.capture({ gross: 3_000, merchantId, livemode: true });
    }
    h.settings({ interval: 'weekly', weeklyAnchor: 'saturday' }, 'acct_w1');
    h.settings({ interval: 'weekly', weeklyAnchor: 'monday' }, 'acct_w2');
    h.settings({ interval: 'manual' }, 'acct_m');
    h.settings({ bankAccount: null }, 'acct_nobank');
    h.settings({}, 'acct_later');
    for (const merchantId of ['acct_w1', 'acct_w2', 'acct_m', 'acct_nobank']) h.capture({ gross: 500, merchantId });
    h.capture({ gross: 500, merchantId: 'acct_later', capturedMs: RUN_MS - DAY / 2 });

    // when planned with pages of 3 (merchants straddle pages), twice
    const first = await planSettlements({ store: h.store, tasks: h.tasks, clock: h.clock }, { pageSize: 3 });
    const second = await planSettlements({ store: h.store, tasks: h.tasks, clock: h.clock }, { pageSize: 3 });

    // then one task per due merchant and mode, named by merchant, mode and date; the re-run only meets duplicates
    expect(first).toEqual({ settlementDate: '2026-11-28', merchants: 11, enqueued: 8, duplicates: 0 });
    expect(second).toMatchObject({ enqueued: 0, duplicates: 8 });
    const tasks = h.tasks.inQueue(QUEUES.settlements);
    expect(tasks.map((t) => t.name).sort()).toEqual([
      'settle-acct_d0-live-20261128', 'settle-acct_d0-test-20261128', 'settle-acct_d1-live-20261128', 'settle-acct_d1-test-20261128',
      'settle-acct_d2-test-20261128', 'settle-acct_d3-test-20261128', 'settle-acct_d4-test-20261128', 'settle-acct_w1-test-20261128',
    ]);
    // and each carries every unsettled transaction of its merchant, whole across page boundaries
    const d2 = tasks.find((t) => t.name === 'settle-acct_d2-test-20261128')!;
    expect(d2.payload).toEqual({ merchant_id: 'acct_d2', livemode: false, settlement_date: '2026-11-28', scanned_at_ms: RUN_MS, unsettled: [[expect.stringMatching(/^txn_/), 'usd', 1_000, expect.any(Number)], [expect.stringMatching(/^txn_/), 'usd', 2_000, expect.any(Number)]] });

    // and a task settles from what it carries, re-reading each transaction by id
    const payload = d2.payload as { unsettled: Array<[string, string, number, number]>; scanned_at_ms: number };
    const run = await settleMerchant(h.deps, { merchantId: 'acct_d2', livemode: false, settlementDate: '2026-11-28', scannedAtMs: payload.scanned_at_ms, unsettled: payload.unsettled.map(([id, currency, net, availableOnMs]) => ({ id, currency, net, availableOnMs })) });
    expect(run.payouts.map((p) => p.amount)).toEqual([3_000]);
    expect(h.store.reads.transactions).toBe(0);
  });

  it('given a manual payout committed after the scan, when the task runs, then it ignores the stale payload, reads afresh and pays only the rest', async () => {
    // given a daily merchant with 3,000 available, scanned by the daily plan
    const h = settlementHarness();
    h.settings();
    h.capture({ gross: 3_000 });
    await planSettlements({ store: h.store, tasks: h.tasks, clock: h.clock }, {});
    const [task] = h.tasks.inQueue(QUEUES.settlements);
    const payload = task.payload as { unsettled: Array<[string, string, number, number]>; scanned_at_ms: number };

    // and, before the task runs, a manual payout of 2,000 (its debit is not in the payload)
    h.clock.advance(1_000);
    const request = { amount: 2_000, currency: 'usd' };
    const prepared = await prepareManualPayout(h.deps, h.merchant(), request);
    expect(await h.store.transaction((tx) => createManualPayout(h.deps, tx, h.merchant(), request, prepared, h.clock.nowMs()))).toMatchObject({ ok: true });

    // when the settlement task runs with the scan's payload
    const run = await settleMerchant(h.deps, { merchantId: 'acct_1', livemode: false, settlementDate: '2026-11-28', scannedAtMs: payload.scanned_at_ms, unsettled: payload.unsettled.map(([id, currency, net, availableOnMs]) => ({ id, currency, net, availableOnMs })) });

    // then it paid the 1,000 left, not the 3,000 the payload saw
    expect(run.payouts.map((p) => p.amount)).toEqual([1_000]);
    expect(await h.available('usd')).toBe(0);
  });
});
