import { InMemorySettlementStore } from '../adapters/settlement.memory-store';
import { allZero, DAY, settlementHarness, TODAY } from '../testing/settlement-harness';
import { bankRejected, bankUnavailable } from '../adapters/bank.memory-gateway';
import { cancelPayout } from './cancel-payout.command';
import { createManualPayout, prepareManualPayout } from './create-manual-payout.command';
import { runSettlementNow } from './run-settlement-now.command';
import { settleMerchant } from './settle-merchant.command';
import { submitPayout } from './submit-payout.command';

async function settledPayout(h: ReturnType<typeof settlementHarness>) {
  const { payouts } = await settleMerchant(h.deps, { merchantId: 'acct_1', livemode: false, settlementDate: TODAY });
  return payouts[0];
}

describe('a payout after settlement', () => {
  it('goes to the bank after the cancel window and is paid by its webhook', async () => {
    const h = settlementHarness();
    h.settings();
    h.capture({ gross: 5_000, fee: 175 });
    const payout = await settledPayout(h);
    await h.dispatchSubmissions();
    expect(h.bank.accepted).toEqual([expect.objectContaining({ idempotencyKey: payout.id, payoutId: payout.id, token: 'ba_test_success', amount: 4_825, currency: 'usd' })]);
    expect(await h.store.getPayout(payout.id)).toMatchObject({ status: 'in_transit' });
    expect(await h.bankSays('transfer.paid', payout.id)).toBe('applied');
    expect(await h.store.getPayout(payout.id)).toMatchObject({ status: 'paid' });
    expect(h.store.journals().map((j) => j.id)).toContain(`jrn_paid_${payout.id}`);
    expect(h.ledgerSums()).toEqual(allZero(h.ledgerSums()));
  });

  it('applies a repeated webhook once, and records one about an unknown payout', async () => {
    const h = settlementHarness();
    h.settings();
    h.capture({ gross: 5_000 });
    const payout = await settledPayout(h);
    await h.dispatchSubmissions();
    expect(await h.bankSays('transfer.paid', payout.id)).toBe('applied');
    expect(await h.bankSays('transfer.paid', payout.id)).toBe('duplicate');
    expect(h.store.journals().filter((j) => j.id === `jrn_paid_${payout.id}`)).toHaveLength(1);
    expect(await h.bankSays('transfer.paid', 'po_nobody', null, 'bevt_x')).toBe('unknown_payout');
    expect(h.store.bankEvent('bevt_x')).toMatchObject({ outcome: 'unknown_payout' });
  });

  it('fails with the bank code when the bank refuses it, and gives the money back', async () => {
    const h = settlementHarness();
    h.settings();
    h.capture({ gross: 5_000 });
    const payout = await settledPayout(h);
    h.bank.nextTransfer(bankRejected('account_closed'));
    await h.dispatchSubmissions();
    expect(await h.store.getPayout(payout.id)).toMatchObject({ status: 'failed', failureCode: 'account_closed', returned: false });
    expect(h.store.balanceTransactions().filter((t) => t.type === 'payout_failure')).toEqual([expect.objectContaining({ amount: 5_000, source: payout.id, payoutId: null })]);
    expect(await h.available('usd')).toBe(5_000);
    expect(h.ledgerSums()).toEqual(allZero(h.ledgerSums()));
    // and the returned money is paid again by the next settlement
    h.clock.advance(DAY);
    const next = await settleMerchant(h.deps, { merchantId: 'acct_1', livemode: false, settlementDate: '2026-11-29' });
    expect(next.payouts.map((p) => p.amount)).toEqual([5_000]);
  });

  it('fails, returned, when the bank gives the money back after paying it; the money is available again', async () => {
    const h = settlementHarness();
    h.settings();
    h.capture({ gross: 5_000 });
    const payout = await settledPayout(h);
    await h.dispatchSubmissions();
    await h.bankSays('transfer.paid', payout.id);
    expect(await h.bankSays('transfer.returned', payout.id, 'account_closed')).toBe('applied');
    expect(await h.store.getPayout(payout.id)).toMatchObject({ status: 'failed', failureCode: 'account_closed', returned: true });
    expect(await h.available('usd')).toBe(5_000);
    expect(h.store.journals().map((j) => j.id)).toEqual(expect.arrayContaining([`jrn_paid_${payout.id}`, `jrn_ret_${payout.id}`]));
    expect(h.ledgerSums()).toEqual(allZero(h.ledgerSums()));
  });

  it('retries an unknown bank answer with the same idempotency key and makes one transfer', async () => {
    const h = settlementHarness();
    h.settings();
    h.capture({ gross: 5_000 });
    const payout = await settledPayout(h);
    h.bank.nextTransfer(bankUnavailable());
    await expect(submitPayout(h.deps, payout.id)).rejects.toThrow();
    expect(await h.store.getPayout(payout.id)).toMatchObject({ status: 'pending' });
    expect(await submitPayout(h.deps, payout.id)).toMatchObject({ kind: 'done' });
    expect(await submitPayout(h.deps, payout.id)).toMatchObject({ kind: 'done', detail: 'payout is in_transit' });
    expect(h.bank.accepted).toHaveLength(1);
  });

  it('can be canceled while pending, giving the money back, and never reaches the bank then', async () => {
    const h = settlementHarness();
    h.settings();
    h.capture({ gross: 5_000 });
    const payout = await settledPayout(h);
    const canceled = await h.store.transaction((tx) => cancelPayout(tx, h.merchant(), payout.id, h.clock.nowMs()));
    expect(canceled).toMatchObject({ ok: true, value: { status: 'canceled' } });
    expect(await h.available('usd')).toBe(5_000);
    expect(h.store.balanceTransactions().filter((t) => t.type === 'payout_cancel')).toHaveLength(1);
    await h.dispatchSubmissions();
    expect(h.bank.accepted).toEqual([]);
    expect(h.ledgerSums()).toEqual(allZero(h.ledgerSums()));
    // and a second cancel is refused
    const again = await h.store.transaction((tx) => cancelPayout(tx, h.merchant(), payout.id, h.clock.nowMs()));
    expect(again).toMatchObject({ ok: false, error: { status: 400, code: 'payout_not_cancelable' } });
  });

  it('cannot be canceled once in transit, nor by another merchant', async () => {
    const h = settlementHarness();
    h.settings();
    h.capture({ gross: 5_000 });
    const payout = await settledPayout(h);
    const other = await h.store.transaction((tx) => cancelPayout(tx, h.merchant('acct_2'), payout.id, h.clock.nowMs()));
    expect(other).toMatchObject({ ok: false, error: { status: 404 } });
    await h.dispatchSubmissions();
    const late = await h.store.transaction((tx) => cancelPayout(tx, h.merchant(), payout.id, h.clock.nowMs()));
    expect(late).toMatchObject({ ok: false, error: { code: 'payout_not_cancelable' } });
  });
});

describe('a manual payout', () => {
  const manual = async (h: ReturnType<typeof settlementHarness>, amount: number) => {
    const request = { amount, currency: 'usd' };
    const prepared = await prepareManualPayout(h.deps, h.merchant(), request);
    return h.store.transaction((tx) => createManualPayout(h.deps, tx, h.merchant(), request, prepared, h.clock.nowMs()));
  };

  it('above the available balance is refused with insufficient_funds and writes nothing', async () => {
    const h = settlementHarness();
    h.settings({ interval: 'manual' });
    h.capture({ gross: 3_000 });
    const before = h.store.journals().length;
    expect(await manual(h, 3_001)).toMatchObject({ ok: false, error: { status: 400, code: 'insufficient_funds', param: 'amount' } });
    expect(h.store.allPayouts()).toEqual([]);
    expect(h.store.journals()).toHaveLength(before);
    expect(h.tasks.tasks).toEqual([]);
  });

  it('up to the available balance is made pending, and the next settlement nets it, paying nothing twice', async () => {
    const h = settlementHarness();
    h.settings();
    h.capture({ gross: 3_000 });
    expect(await manual(h, 2_000)).toMatchObject({ ok: true, value: { status: 'pending', automatic: false, amount: 2_000 } });
    expect(await h.available('usd')).toBe(1_000);
    expect(h.ledgerSums()).toEqual(allZero(h.ledgerSums()));
    const next = await runSettlementNow(h.deps, h.merchant(), {});
    expect(next.ok && next.value.payouts.map((p) => p.amount)).toEqual([1_000]);
    expect(await h.available('usd')).toBe(0);
  });
});

describe('payouts racing each other', () => {
  const request = { amount: 2_000, currency: 'usd' };

  it('given two manual payouts prepared at once, then only the first commits; the second answers 409 payout_conflict and writes nothing', async () => {
    const h = settlementHarness();
    h.settings({ interval: 'manual' });
    h.capture({ gross: 3_000 });
    // both read the balance (3,000 available) before either commits
    const first = await prepareManualPayout(h.deps, h.merchant(), request);
    const second = await prepareManualPayout(h.deps, h.merchant(), request);
    expect(await h.store.transaction((tx) => createManualPayout(h.deps, tx, h.merchant(), request, first, h.clock.nowMs()))).toMatchObject({ ok: true });
    const journals = h.store.journals().length;
    const late = await h.store.transaction((tx) => createManualPayout(h.deps, tx, h.merchant(), request, second, h.clock.nowMs()));
    expect(late).toMatchObject({ ok: false, error: { status: 409, code: 'payout_conflict' } });
    expect(h.store.allPayouts()).toHaveLength(1);
    expect(h.store.journals()).toHaveLength(journals);
    expect(await h.available('usd')).toBe(1_000);
  });

  it('given a manual payout made after the day began, when the scheduled run of the day pays what was available at midnight, then it nets the manual payout and pays only the rest', async () => {
    const h = settlementHarness();
    h.settings();
    h.capture({ gross: 3_000 });
    const prepared = await prepareManualPayout(h.deps, h.merchant(), request);
    expect(await h.store.transaction((tx) => createManualPayout(h.deps, tx, h.merchant(), request, prepared, h.clock.nowMs()))).toMatchObject({ ok: true });
    const { payouts } = await settleMerchant(h.deps, { merchantId: 'acct_1', livemode: false, settlementDate: TODAY });
    expect(payouts.map((p) => p.amount)).toEqual([1_000]);
    expect(await h.available('usd')).toBe(0);
    expect(h.ledgerSums()).toEqual(allZero(h.ledgerSums()));
  });
});

describe('the settlement test helper', () => {
  it('answers 404 to a live key and settles nothing', async () => {
    const h = settlementHarness();
    h.settings({}, 'acct_1', true);
    h.capture({ gross: 3_000, livemode: true });
    expect(await runSettlementNow(h.deps, h.merchant('acct_1', true), {})).toMatchObject({ ok: false, error: { status: 404, code: 'resource_missing' } });
    expect((h.store as InMemorySettlementStore).allSettlements()).toEqual([]);
  });
});
