import { createStaffKey } from '../../infra/scripts/create-staff';
import { apiClient } from './support/api-client';
import { eventually } from './support/eventually';
import { startTestStack, TestStack } from './support/test-stack';

// Three-way reconciliation end to end: payments through the real chain at both processors, their reports
// and deposits into the sandbox bank, the test helper's run, the staff routes and the finance cases.
let t: TestStack;
let staff: ReturnType<typeof apiClient>;
let merchant: ReturnType<typeof apiClient>;

beforeAll(async () => {
  t = await startTestStack();
  staff = apiClient(t.stack.apiUrl, await createStaffKey('fin@platform.test'));
  merchant = apiClient(t.stack.apiUrl, (await t.newMerchant('Recon Co')).secretKey);
  // Euros to the second processor; set before any payment, as each instance caches a merchant's routing for 10 s.
  expect((await merchant.post('/v1/routing', { rules: [{ id: 'eur', condition: 'currency == "eur"', processors: ['euro_acquirer'] }] })).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await t?.stack.stop();
});

async function paid(paymentMethod: string, amount: number): Promise<string> {
  const created = await merchant.post('/v1/payments', { amount, currency: 'usd', payment_method: paymentMethod });
  expect(created.status).toBe(201);
  expect(await merchant.waitForPayment(created.body.id)).toMatchObject({ status: 'succeeded' });
  return created.body.id;
}

describe('reconciliation', () => {
  let runId: string;
  let ids: { clean: string; refunded: string; refund: string; dropped: string; mismatch: string };

  it('a day with a dropped capture and an altered amount: the run matches the rest and reports exactly those two', async () => {
    const clean = await paid('pm_card_visa', 10_000);
    const refunded = await paid('pm_card_mastercard', 4_000);
    const dropped = await paid('pm_card_recon_dropped', 2_500);
    const mismatch = await paid('pm_card_recon_amount_mismatch', 3_000);
    const refund = await merchant.post('/v1/refunds', { payment: refunded, amount: 1_500 });
    expect(refund.status).toBe(201);
    await eventually(async () => expect((await merchant.get(`/v1/refunds/${refund.body.id}`)).body.status).toBe('succeeded'));
    ids = { clean, refunded, refund: refund.body.id, dropped, mismatch };
    // and euros at the second processor, which reports in its own format and deposits under its own reference
    const euros = await merchant.post('/v1/payments', { amount: 8_000, currency: 'eur', payment_method: 'pm_card_visa' });
    expect(await merchant.waitForPayment(euros.body.id)).toMatchObject({ status: 'succeeded', processor: 'euro_acquirer' });
    const euroRefund = await merchant.post('/v1/refunds', { payment: euros.body.id, amount: 2_000 });
    await eventually(async () => expect((await merchant.get(`/v1/refunds/${euroRefund.body.id}`)).body.status).toBe('succeeded'));

    const run = await staff.post('/v1/test_helpers/reconciliation/run', {});
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ object: 'reconciliation_run', livemode: false, status: 'completed', trigger: 'test_helper', date: new Date().toISOString().slice(0, 10), failure_message: null });
    expect(run.body.counts).toMatchObject({ ledger_lines: 7, report_lines: 6, matched: 5, unmatched: 2, bank_matched: 2 });
    expect(run.body.counts.exceptions).toMatchObject({ missing_in_processor_report: 1, amount_mismatch: 1, missing_in_ledger: 0, duplicate: 0, unknown_reference: 0, bank_deposit_mismatch: 0 });
    const usd = run.body.totals.find((x: { currency: string }) => x.currency === 'usd');
    expect(usd).toMatchObject({ ledger_captures: 19_500, ledger_refunds: 1_500, report_captures: 17_001, report_refunds: 1_500 });
    expect(usd.bank_deposits).toBe(usd.report_net);
    const eur = run.body.totals.find((x: { currency: string }) => x.currency === 'eur');
    // 80.00 captured less the acquirer's 0.60 % commission, 20.00 refunded: its ea_ deposit pays exactly that
    expect(eur).toMatchObject({ ledger_captures: 8_000, ledger_refunds: 2_000, report_captures: 8_000, report_refunds: 2_000, report_fees: 48, report_net: 5_952, bank_deposits: 5_952 });
    runId = run.body.id;
  }, 60_000);

  it('staff read the run with its exceptions, each pointing at an open finance case', async () => {
    const detail = await staff.get(`/v1/reconciliation/runs/${runId}`);
    expect(detail.status).toBe(200);
    const exceptions = detail.body.exceptions.data as Array<Record<string, any>>;
    expect(exceptions.map((e) => [e.kind, e.reference, e.expected_amount, e.actual_amount]).sort()).toEqual(
      [
        ['amount_mismatch', ids.mismatch, 3_000, 3_001],
        ['missing_in_processor_report', ids.dropped, 2_500, null],
      ].sort(),
    );
    for (const exception of exceptions) {
      expect(exception).toMatchObject({ object: 'reconciliation_exception', run: runId, source: expect.any(String), currency: 'usd', merchant: expect.stringMatching(/^acct_|^mer/) });
      const c = await staff.get(`/v1/cases/${exception.case}`);
      expect(c.status).toBe(200);
      expect(c.body).toMatchObject({ kind: 'reconciliation', status: 'open', subject: `reconciliation_exceptions/${exception.id}` });
    }
    const list = await staff.get('/v1/reconciliation/runs?livemode=false&limit=5');
    expect(list.status).toBe(200);
    expect(list.body.data[0]).toMatchObject({ id: runId, counts: { matched: 5, unmatched: 2 } });
   }, 30_000);

  it('a second run of the day finds the same two and opens no new case', async () => {
    const before = (await staff.get('/v1/cases?status=open&limit=100')).body.data.filter((c: { kind: string }) => c.kind === 'reconciliation').length;
    const again = await staff.post('/v1/test_helpers/reconciliation/run', {});
    expect(again.body).toMatchObject({ status: 'completed', counts: { matched: 5, unmatched: 2 } });
    expect(again.body.id).not.toBe(runId);
    const after = (await staff.get('/v1/cases?status=open&limit=100')).body.data.filter((c: { kind: string }) => c.kind === 'reconciliation').length;
    expect(after).toBe(before);
  }, 30_000);

  it('refuses what it should, and writes nothing: a merchant key, a malformed or future date, an unknown run', async () => {
    const runsBefore = (await staff.get('/v1/reconciliation/runs?limit=100')).body.data.length;
    expect((await merchant.get('/v1/reconciliation/runs')).status).toBe(401);
    expect((await merchant.post('/v1/test_helpers/reconciliation/run', {})).status).toBe(401);
    const malformed = await staff.post('/v1/test_helpers/reconciliation/run', { date: '2026-02-30' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ type: 'invalid_request_error', param: 'date' });
    expect((await staff.post('/v1/test_helpers/reconciliation/run', { date: '2999-01-01' })).status).toBe(400);
    expect((await staff.post('/v1/test_helpers/reconciliation/run', { date: '2026-11-27', livemode: true })).status).toBe(400);
    expect((await staff.get('/v1/reconciliation/runs/recrun_test_20261127_nope')).status).toBe(404);
    expect((await staff.get('/v1/reconciliation/runs/..%2Fcases')).status).toBe(404);
    expect((await staff.get('/v1/reconciliation/runs?limit=100')).body.data.length).toBe(runsBefore);
  }, 30_000);
});
