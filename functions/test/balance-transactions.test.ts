import { firestore } from '../src/platform/adapters/firestore-client';
import { COLLECTIONS } from '../src/shared/firestore-collections';
import { apiClient } from './support/api-client';
import { eventually } from './support/eventually';
import { startTestStack, TestStack } from './support/test-stack';

// The ledger's merchant API on the real emulators: the balance and the balance transactions a capture
// and a refund write in their commits (default delay_days 2, no payout settings), the list filters and
// cursor against the composite indexes, and the refusals.
jest.setTimeout(60_000);

let t: TestStack;
let api: ReturnType<typeof apiClient>;
let merchantId: string;
let payment: { id: string };
let refundId: string;

beforeAll(async () => {
  t = await startTestStack();
  const merchant = await t.newMerchant('Ledger Co');
  merchantId = merchant.merchantId;
  api = apiClient(t.stack.apiUrl, merchant.secretKey);
  const created = await api.post('/v1/payments', { amount: 10_000, currency: 'usd', payment_method: 'pm_card_visa' });
  expect(created.status).toBe(201);
  payment = await api.waitForPayment(created.body.id);
  expect(payment).toMatchObject({ status: 'succeeded' });
  const refund = await api.post('/v1/refunds', { payment: payment.id, amount: 1_000 });
  expect(refund.status).toBe(201);
  refundId = refund.body.id;
  await eventually(async () => expect((await api.get(`/v1/refunds/${refundId}`)).body.status).toBe('succeeded'));
}, 120_000);

afterAll(async () => {
  await t?.stack.stop();
});

const storedTransactions = async () => (await firestore().collection(COLLECTIONS.balanceTransactions).where('merchantId', '==', merchantId).get()).size;

describe('balance and balance transactions of a capture and a refund', () => {
  it('shows the capture pending for two days and the refund taken from the available balance at once', async () => {
    const balance = await api.get('/v1/balance');
    expect(balance.status).toBe(200);
    // 2.9 % fee: 290
    expect(balance.body).toEqual({ object: 'balance', available: [{ amount: -1_000, currency: 'usd' }], pending: [{ amount: 9_710, currency: 'usd' }], livemode: false });
  });

  it('lists them newest first in Stripe shapes, explaining the balance cent by cent', async () => {
    const list = await api.get('/v1/balance_transactions');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ object: 'list', has_more: false, url: '/v1/balance_transactions' });
    const [refund, charge] = list.body.data;
    expect(list.body.data).toHaveLength(2);
    expect(refund).toMatchObject({ id: `txn_ref_${refundId}`, object: 'balance_transaction', type: 'refund', amount: -1_000, fee: 0, net: -1_000, status: 'available', source: refundId, payout: null, exchange_rate: null, livemode: false });
    expect(charge).toMatchObject({
      id: `txn_cap_${payment.id}`, type: 'charge', amount: 10_000, fee: 290, net: 9_710, currency: 'usd', status: 'pending', source: payment.id, payout: null,
      fee_details: [{ type: 'platform_fee', amount: 290, currency: 'usd', description: expect.any(String) }],
    });
    expect(charge.available_on - charge.created).toBe(2 * 86_400);
    expect(refund.available_on).toBe(refund.created);
    expect((await api.get(`/v1/balance_transactions/${charge.id}`)).body).toEqual(charge);
  });

  it('filters by type and creation time and pages with a cursor', async () => {
    expect((await api.get('/v1/balance_transactions?type=charge')).body.data.map((txn: { type: string }) => txn.type)).toEqual(['charge']);
    const first = await api.get('/v1/balance_transactions?limit=1');
    expect(first.body).toMatchObject({ data: [{ type: 'refund' }], has_more: true });
    const next = await api.get(`/v1/balance_transactions?limit=1&starting_after=${first.body.data[0].id}`);
    expect(next.body).toMatchObject({ data: [{ type: 'charge' }], has_more: false });
    const later = Math.floor(Date.now() / 1000) + 3_600;
    expect((await api.get(`/v1/balance_transactions?created[gte]=${later}`)).body.data).toEqual([]);
    expect((await api.get('/v1/balance_transactions?created[gte]=0&type=refund')).body.data).toHaveLength(1);
    expect((await api.get('/v1/balance_transactions?payout=po_none')).body.data).toEqual([]);
  });

  it('hides them from another merchant', async () => {
    const other = apiClient(t.stack.apiUrl, (await t.newMerchant('Other Co')).secretKey);
    const answer = await other.get(`/v1/balance_transactions/txn_cap_${payment.id}`);
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatchObject({ code: 'resource_missing' });
    expect((await other.get('/v1/balance_transactions')).body.data).toEqual([]);
    expect((await other.get(`/v1/balance_transactions?starting_after=txn_cap_${payment.id}`)).body.data).toEqual([]);
    expect((await other.get('/v1/balance')).body).toEqual({ object: 'balance', available: [], pending: [], livemode: false });
  });
});

describe('refusals', () => {
  it.each([
    ['a limit of 0', 'limit=0'],
    ['a limit over 100', 'limit=101'],
    ['an unknown type', 'type=transfer'],
    ['a created[gte] that is not a time', 'created[gte]=yesterday'],
    ['an empty created[gte]', 'created[gte]='],
    ['a negative created[gte]', 'created[gte]=-1'],
    ['a cursor that is not a txn id', 'starting_after=pay_123'],
    ['a payout filter that is not a payout id', 'payout=123'],
    ['an unknown parameter', 'colour=red'],
  ])('answers 400 to %s and writes nothing', async (_name, query) => {
    const before = await storedTransactions();
    const answer = await api.get(`/v1/balance_transactions?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ type: 'invalid_request_error' });
    expect(await storedTransactions()).toBe(before);
  });

  it('answers 404 resource_missing to an unknown id', async () => {
    const answer = await api.get('/v1/balance_transactions/txn_cap_pay_unknown');
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatchObject({ code: 'resource_missing' });
  });
});
