import { firestore } from '../src/platform/adapters/firestore-client';
import { COLLECTIONS } from '../src/shared/firestore-collections';
import { createMerchantWithKey } from '../../infra/scripts/create-merchant';
import { createStaffKey } from '../../infra/scripts/create-staff';
import { apiClient } from './support/api-client';
import { eventually } from './support/eventually';
import { startTestStack, TestStack } from './support/test-stack';

// Money out end to end, as the "done when" reads: payments and refunds, settlement by the test
// helper, payouts paid (or failed, or returned) by the sandbox bank through its signed webhooks, the
// balance transactions explaining every cent, FX for a merchant settling in another currency, and the
// ledger summing to zero per currency after every step. Every gate is on, as in production.
// Each test waits on real payments, the bank's delayed webhooks and the payout submission delay.
jest.setTimeout(90_000);

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack({ functionsEnv: { PAYOUT_SUBMIT_DELAY_SECONDS: '5' } });
}, 120_000);

afterAll(async () => {
  await t?.stack.stop();
});

type Api = ReturnType<typeof apiClient>;

async function merchantWithPayouts(settings: { settlement_currency: string; bank_account: string }): Promise<Api> {
  const merchant = await t.newMerchant('Money Out Co');
  const api = apiClient(t.stack.apiUrl, merchant.secretKey);
  const saved = await api.post('/v1/account/payout_settings', { schedule: { interval: 'daily', delay_days: 0 }, ...settings });
  expect(saved.status).toBe(200);
  expect(saved.body.bank_account).toMatchObject({ last4: expect.stringMatching(/^\d{4}$/) });
  expect(JSON.stringify(saved.body)).not.toContain(settings.bank_account.slice(8));
  return api;
}

async function succeededPayment(api: Api, amount: number, currency: string): Promise<any> {
  const created = await api.post('/v1/payments', { amount, currency, payment_method: 'pm_card_visa' });
  expect(created.status).toBe(201);
  const done = await api.waitForPayment(created.body.id);
  expect(done.status).toBe('succeeded');
  return done;
}

async function refunded(api: Api, paymentId: string, amount: number): Promise<void> {
  const refund = await api.post('/v1/refunds', { payment: paymentId, amount });
  expect(refund.status).toBe(201);
  await eventually(async () => {
    const answer = await api.get(`/v1/refunds/${refund.body.id}`);
    if (answer.body.status !== 'succeeded') throw new Error(`refund ${answer.body.status}`);
  });
}

async function settleNow(api: Api): Promise<any[]> {
  const run = await api.post('/v1/test_helpers/settlement/run', {});
  expect(run.status).toBe(200);
  expect(run.body.object).toBe('settlement_run');
  return run.body.payouts;
}

async function payoutUntil(api: Api, id: string, status: string): Promise<any> {
  return eventually(
    async () => {
      const answer = await api.get(`/v1/payouts/${id}`);
      if (answer.body.status !== status) throw new Error(`payout ${id} is ${answer.body.status}, waiting for ${status}`);
      return answer.body;
    },
    { timeoutMs: 30_000 },
  );
}

async function balanceTransactionsOf(api: Api, query: string): Promise<any[]> {
  const answer = await api.get(`/v1/balance_transactions?limit=100&${query}`);
  expect(answer.status).toBe(200);
  return answer.body.data;
}

const available = async (api: Api, currency: string): Promise<number> => {
  const balance = await api.get('/v1/balance');
  return balance.body.available.find((entry: { currency: string }) => entry.currency === currency)?.amount ?? 0;
};

/** The types of the outbox events about a payout (published to the event topic by the relay). */
async function payoutEventTypes(payoutId: string): Promise<string[]> {
  return eventually(async () => {
    const outbox = await firestore().collection(COLLECTIONS.outbox).get();
    const types = outbox.docs.flatMap((doc) => (doc.get('events') as Array<{ type: string; data: { payout_id?: string } }>).filter((e) => e.data.payout_id === payoutId).map((e) => e.type));
    if (!types.includes('payout.paid')) throw new Error(`payout ${payoutId} events so far: ${types.join(', ')}`);
    return types;
  });
}

/** Every journal ever written, summed per currency: zero in each, always. */
async function expectLedgerBalanced(): Promise<void> {
  const journals = await firestore().collection(COLLECTIONS.ledgerJournals).get();
  const sums = new Map<string, number>();
  for (const doc of journals.docs) {
    for (const entry of doc.get('entries') as Array<{ currency: string; amount: number }>) sums.set(entry.currency, (sums.get(entry.currency) ?? 0) + entry.amount);
  }
  expect(journals.size).toBeGreaterThan(0);
  for (const [currency, sum] of sums) expect({ currency, sum }).toEqual({ currency, sum: 0 });
}

describe('settlement and payouts', () => {
  it('settles captured funds less refunds into one payout the bank pays, explained cent by cent', async () => {
    // given a USD merchant with two payments and a partial refund
    const api = await merchantWithPayouts({ settlement_currency: 'usd', bank_account: 'ba_test_success' });
    const first = await succeededPayment(api, 10_000, 'usd');
    await succeededPayment(api, 2_500, 'usd');
    await refunded(api, first.id, 1_000);
    await expectLedgerBalanced();
    const charges = await balanceTransactionsOf(api, 'type=charge');
    expect(charges).toHaveLength(2);
    for (const txn of charges) expect(txn).toMatchObject({ object: 'balance_transaction', currency: 'usd', net: txn.amount - txn.fee, status: 'available' });
    const before = await available(api, 'usd');

    // when the test helper runs the settlement
    const payouts = await settleNow(api);

    // then one payout of everything available appears and the sandbox bank pays it
    expect(payouts).toHaveLength(1);
    expect(payouts[0]).toMatchObject({ object: 'payout', currency: 'usd', amount: before, automatic: true });
    const paid = await payoutUntil(api, payouts[0].id, 'paid');
    expect(paid.destination.last4).toMatch(/^\d{4}$/);
    // and its balance transactions explain every cent: the sum of their net is the payout amount
    const settled = await balanceTransactionsOf(api, `payout=${paid.id}`);
    const explained = settled.filter((txn) => txn.type !== 'payout').reduce((sum, txn) => sum + txn.net, 0);
    expect(explained).toBe(paid.amount);
    expect(settled.map((txn) => txn.type).sort()).toEqual(['charge', 'charge', 'payout', 'refund']);
    expect(await available(api, 'usd')).toBe(0);
    await expectLedgerBalanced();
    // and the payout's events went on the event topic's outbox for merchant webhooks to carry
    expect(await payoutEventTypes(paid.id)).toEqual(expect.arrayContaining(['payout.created', 'payout.paid']));

    // and a second run settles nothing twice
    expect(await settleNow(api)).toEqual([]);
  });

  it('pays a EUR-settling merchant its USD takings in EUR at the recorded rate', async () => {
    // given a merchant settling in EUR with a USD payment
    const api = await merchantWithPayouts({ settlement_currency: 'eur', bank_account: 'ba_test_success' });
    await succeededPayment(api, 20_000, 'usd');

    // when it is settled
    const [payout] = await settleNow(api);

    // then the payout is in EUR and the FX balance transaction records the rate
    expect(payout).toMatchObject({ currency: 'eur' });
    expect(payout.amount).toBeGreaterThan(0);
    const settled = await balanceTransactionsOf(api, `payout=${payout.id}`);
    const fxIn = settled.find((txn) => txn.type === 'fx' && txn.currency === 'eur');
    expect(fxIn).toMatchObject({ net: payout.amount, exchange_rate: expect.any(Number) });
    expect(fxIn.fee_details).toEqual([expect.objectContaining({ type: 'fx_markup', currency: 'eur' })]);
    expect(settled.find((txn) => txn.type === 'fx' && txn.currency === 'usd')).toMatchObject({ amount: -settled.filter((txn) => txn.type === 'charge').reduce((sum, txn) => sum + txn.net, 0) });
    await payoutUntil(api, payout.id, 'paid');
    await expectLedgerBalanced();
  });

  it.each([
    ['a failed payout', 'ba_test_fail_insufficient', 'insufficient_funds'],
    ['a payout returned after it was paid', 'ba_test_return_after_paid', 'account_closed'],
  ])('gives the money of %s back to the available balance', async (_, bankAccount, failureCode) => {
    // given a merchant whose bank account fails or returns transfers
    const api = await merchantWithPayouts({ settlement_currency: 'usd', bank_account: bankAccount });
    await succeededPayment(api, 5_000, 'usd');
    const [payout] = await settleNow(api);
    expect(await available(api, 'usd')).toBe(0);

    // when the bank reports the failure, then the payout fails with the bank's reason
    const failed = await payoutUntil(api, payout.id, 'failed');
    expect(failed.failure_code).toBe(failureCode);
    // and a payout_failure balance transaction returns its amount to the available balance
    const failures = await balanceTransactionsOf(api, 'type=payout_failure');
    expect(failures).toEqual([expect.objectContaining({ amount: payout.amount, source: payout.id, status: 'available' })]);
    expect(await available(api, 'usd')).toBe(payout.amount);
    await expectLedgerBalanced();
  });
});

describe('manual payouts and the test helper', () => {
  it('refuses a manual payout above the available balance, and cancels a pending one', async () => {
    const merchant = await t.newMerchant('Manual Co');
    const api = apiClient(t.stack.apiUrl, merchant.secretKey);
    expect((await api.post('/v1/account/payout_settings', { schedule: { interval: 'manual', delay_days: 0 }, settlement_currency: 'usd', bank_account: 'ba_test_success' })).status).toBe(200);
    await succeededPayment(api, 3_000, 'usd');
    const funds = await available(api, 'usd');

    const tooMuch = await api.post('/v1/payouts', { amount: funds + 1, currency: 'usd' });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.code).toBe('insufficient_funds');

    const manual = await api.post('/v1/payouts', { amount: funds, currency: 'usd' });
    expect(manual.status).toBe(200);
    expect(manual.body).toMatchObject({ status: 'pending', automatic: false, amount: funds });
    const canceled = await api.post(`/v1/payouts/${manual.body.id}/cancel`, {});
    // Canceled while pending (the bank is called PAYOUT_SUBMIT_DELAY_SECONDS after creation)
    expect(canceled.status).toBe(200);
    expect(canceled.body.status).toBe('canceled');
    expect(await available(api, 'usd')).toBe(funds);
    const again = await api.post(`/v1/payouts/${manual.body.id}/cancel`, {});
    expect(again.status).toBe(400);
    await expectLedgerBalanced();
  });

  it('hides the settlement test helper from live keys', async () => {
    const live = await createMerchantWithKey('Live Co', true);
    const answer = await apiClient(t.stack.apiUrl, live.secretKey).post('/v1/test_helpers/settlement/run', {});
    expect(answer.status).toBe(404);
  });
});

describe('three-way reconciliation of the day', () => {
  it('matches every capture, refund and payout of the day and reports only the returned payout', async () => {
    // given the day's payments, refunds and payouts above (one of them returned by the bank)
    const staff = apiClient(t.stack.apiUrl, await createStaffKey('finance_1'));

    // when finance runs today's test-mode reconciliation
    const run = await staff.post('/v1/test_helpers/reconciliation/run', {});

    // then ledger, processor report and bank statement agree, except for the return the bank reported
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ object: 'reconciliation_run', livemode: false, status: 'completed' });
    expect(run.body.counts.matched).toBeGreaterThan(0);
    const found = Object.entries(run.body.counts.exceptions as Record<string, number>).filter(([, count]) => count > 0);
    expect(found).toEqual([['payout_returned', 1]]);
    const detail = await staff.get(`/v1/reconciliation/runs/${run.body.id}`);
    expect(detail.body.exceptions.data).toEqual([expect.objectContaining({ kind: 'payout_returned', case: expect.stringMatching(/^case_/) })]);
    // and the processor's deposits, matching its report, are booked: bank in, fees, receivable cleared
    const deposit = await firestore().collection(COLLECTIONS.ledgerJournals).doc(`jrn_ps_test_${run.body.date.replace(/-/g, '')}_usd`).get();
    expect(deposit.get('kind')).toBe('processor_settlement');
    expect(deposit.get('totals').usd.platform_bank).toBeGreaterThan(0);
    await expectLedgerBalanced();
  });
});
