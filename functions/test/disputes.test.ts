import { firestore } from '../src/platform/adapters/firestore-client';
import { fraudCollections, knownBadId } from '../src/fraud/adapters/fraud-history.ids';
import { AUDIT_LOG_COLLECTION, COLLECTIONS } from '../src/shared/firestore-collections';
import { auditRelayed } from './support/audit-relay';
import { apiClient } from './support/api-client';
import { eventually } from './support/eventually';
import { startTestStack, TestStack } from './support/test-stack';

// Disputes end to end on the local stack: both sandbox processors open chargebacks for the dispute test
// tokens after capture and notify them signed; the API withdraws amount + fee (ledger), feeds the fraud
// history and emits dispute events; evidence goes back to the processor, whose outcome comes by notification.
let t: TestStack;
let api: ReturnType<typeof apiClient>;
let merchantId: string;

beforeAll(async () => {
  t = await startTestStack();
  const merchant = await t.newMerchant('Disputed Goods Ltd');
  merchantId = merchant.merchantId;
  api = apiClient(t.stack.apiUrl, merchant.secretKey);
  // Before any payment: each instance caches a merchant's routing for 10 s.
  expect((await api.post('/v1/routing', { rules: [{ id: 'eur', condition: 'currency == "eur"', processors: ['euro_acquirer'] }] })).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await t?.stack.stop();
});

const available = async (currency: string): Promise<number> => ((await api.get('/v1/balance')).body.available as Array<{ currency: string; amount: number }>).find((a) => a.currency === currency)?.amount ?? 0;

async function disputedPayment(body: Record<string, unknown>): Promise<{ paymentId: string; dispute: any }> {
  const created = await api.post('/v1/payments', body);
  expect(created.status).toBe(201);
  await api.waitForPayment(created.body.id, (s) => s === 'succeeded');
  const dispute = await eventually(
    async () => {
      const list = await api.get(`/v1/disputes?payment=${created.body.id}`);
      expect(list.body.data).toHaveLength(1);
      return list.body.data[0];
    },
    { timeoutMs: 15_000 },
  );
  return { paymentId: created.body.id, dispute };
}

it('opens a chargeback from the primary processor, withdraws amount and fee, feeds the fraud history, and a winning answer reinstates the amount', async () => {
  const before = await available('usd');
  const { paymentId, dispute } = await disputedPayment({ amount: 4000, currency: 'usd', payment_method: 'pm_card_dispute_fraudulent', customer: { email: 'chargeback@example.com', ip: '198.51.100.7' } });
  expect(dispute).toMatchObject({ object: 'dispute', payment: paymentId, amount: 4000, currency: 'usd', reason: 'fraudulent', status: 'needs_response', processor: 'sandbox_processor', is_charge_refundable: false });
  expect(dispute.balance_transactions).toEqual([{ id: `txn_dp_${dispute.id}`, amount: -4000, fee: 1500, net: -5500, type: 'adjustment' }]);
  expect(await available('usd')).toBe(before - 5500);
  // a charged-back payment cannot also be refunded
  expect((await api.post('/v1/refunds', { payment: paymentId })).body.error).toMatchObject({ code: 'charge_disputed' });
  // the card's customer e-mail and IP are known bad for this merchant now
  await eventually(async () => {
    const email = await firestore().collection(fraudCollections(false).knownBad).doc(knownBadId(merchantId, 'email', 'chargeback@example.com')).get();
    expect(email.exists).toBe(true);
  });

  const bad = await api.post(`/v1/disputes/${dispute.id}`, { evidence: { receipt: 'not-a-token' } });
  expect(bad.status).toBe(400);
  const answered = await api.post(`/v1/disputes/${dispute.id}`, { evidence: { uncategorized_text: 'Signed delivery: winning_evidence', receipt: 'file_R3ceipt42' } });
  expect(answered.status).toBe(200);
  expect(answered.body).toMatchObject({ status: 'under_review', evidence: { uncategorized_text: 'Signed delivery: winning_evidence', receipt: 'file_R3ceipt42', customer_name: null } });
  const won = await eventually(async () => {
    const got = await api.get(`/v1/disputes/${dispute.id}`);
    expect(got.body.status).toBe('won');
    return got.body;
  }, { timeoutMs: 20_000 });
  expect(won.balance_transactions).toHaveLength(2);
  expect(await available('usd')).toBe(before - 1500);
  // the merchant saw the whole life as events
  await eventually(async () => {
    const events = ((await api.get('/v1/events?limit=100')).body.data as Array<{ type: string; data: { object: { id: string } } }>).filter((e) => e.data.object.id === dispute.id).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['dispute.created', 'dispute.funds_withdrawn', 'dispute.updated', 'dispute.closed', 'dispute.funds_reinstated']));
  });
}, 90_000);

it('opens a chargeback from the European acquirer; accepting it loses it and the processor agrees', async () => {
  const before = await available('eur');
  const { dispute } = await disputedPayment({ amount: 2500, currency: 'eur', payment_method: 'pm_card_dispute_product_not_received' });
  expect(dispute).toMatchObject({ reason: 'product_not_received', status: 'needs_response', processor: 'euro_acquirer', amount: 2500 });
  const fee = -dispute.balance_transactions[0].net - 2500;
  expect(fee).toBeGreaterThan(0);
  expect(await available('eur')).toBe(before - 2500 - fee);
  const closed = await api.post(`/v1/disputes/${dispute.id}/close`, {});
  expect(closed.body).toMatchObject({ status: 'lost' });
  // the acquirer's own notice of the loss arrives and changes nothing
  await eventually(async () => {
    const notes = await firestore().collection(COLLECTIONS.processorNotifications).where('processorReference', '==', (await firestore().collection(COLLECTIONS.disputes).doc(dispute.id).get()).get('processorDisputeId')).get();
    expect(notes.docs.map((d) => `${d.get('disputeStatus')}:${d.get('outcome')}`).sort()).toEqual(['lost:no_change', 'needs_response:applied']);
  }, { timeoutMs: 20_000 });
  expect((await api.post(`/v1/disputes/${dispute.id}`, { evidence: { uncategorized_text: 'too late' } })).body.error).toMatchObject({ code: 'dispute_not_open' });
  expect(await available('eur')).toBe(before - 2500 - fee);
  // The team's app reads it as the API shows it (firestore.rules: app_disputes), in the same commit.
  const appView = await firestore().collection(COLLECTIONS.appDisputes).doc(dispute.id).get();
  expect(appView.data()).toMatchObject({ status: 'lost', livemode: false, dispute: { id: dispute.id, status: 'lost', amount: 2500 } });
  // The compliance audit trail: the acquirer opened it, the merchant's key accepted it (archived in the audit database).
  await auditRelayed();
  const audit = await firestore(undefined, 'audit').collection(AUDIT_LOG_COLLECTION).where('subject', '==', `disputes/${dispute.id}`).get();
  expect(audit.docs.map((d) => `${d.get('action')} by ${String(d.get('actor')).split(':')[0]}`).sort()).toEqual(['dispute.accepted by key', 'dispute.opened by system']);
}, 90_000);

it('keeps an inquiry free of money movement, and shows no merchant another merchant\'s dispute', async () => {
  const { dispute } = await disputedPayment({ amount: 1200, currency: 'usd', payment_method: 'pm_card_dispute_inquiry' });
  expect(dispute).toMatchObject({ status: 'warning_needs_response', balance_transactions: [], is_charge_refundable: true });
  const other = apiClient(t.stack.apiUrl, (await t.newMerchant('Other')).secretKey);
  expect((await other.get(`/v1/disputes/${dispute.id}`)).status).toBe(404);
  expect((await other.get('/v1/disputes')).body.data).toEqual([]);
  const submitted = await api.post(`/v1/disputes/${dispute.id}`, { evidence: { product_description: 'A lamp' } });
  expect(submitted.body.status).toBe('warning_under_review');
  await eventually(async () => expect((await api.get(`/v1/disputes/${dispute.id}`)).body.status).toBe('warning_closed'), { timeoutMs: 20_000 });
}, 90_000);
