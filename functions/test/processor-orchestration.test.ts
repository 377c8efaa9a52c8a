import { Webhook } from 'standardwebhooks';
import { createStaffKey } from '../../infra/scripts/create-staff';
import { firestore } from '../src/platform/adapters/firestore-client';
import { COLLECTIONS } from '../src/shared/firestore-collections';
import { apiClient } from './support/api-client';
import { eventually } from './support/eventually';
import { startTestStack, TestStack } from './support/test-stack';

// Two processors with different APIs behind connectors, on the full local stack: the merchant routes
// euro payments to the European acquirer by a CEL rule, whose captures and refunds are confirmed by
// signed notifications; when the acquirer is down the payment fails over to the primary processor.
let t: TestStack;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  t = await startTestStack();
  api = apiClient(t.stack.apiUrl, (await t.newMerchant('Routing Co')).secretKey);
}, 120_000);

afterAll(async () => {
  await t?.stack.stop();
});

const euros = (amount = 2500) => api.post('/v1/payments', { amount, currency: 'eur', payment_method: 'pm_card_visa', customer: { country: 'FR' } });

it('routes by the merchant\'s rule; a bad rule is refused with its position and changes nothing', async () => {
  expect((await api.get('/v1/routing')).body).toMatchObject({ object: 'routing', version: 0, rules: [], available_processors: ['sandbox_processor', 'euro_acquirer'] });
  const bad = await api.post('/v1/routing', { rules: [{ id: 'eur', condition: 'currency ==', processors: ['euro_acquirer'] }] });
  expect(bad.status).toBe(400);
  expect(bad.body.error).toMatchObject({ code: 'invalid_routing_rule', param: 'rules[0].condition' });
  const saved = await api.post('/v1/routing', { rules: [{ id: 'eur-to-acquirer', condition: 'currency == "eur"', processors: ['euro_acquirer'] }] });
  expect(saved.body).toMatchObject({ version: 1, rules: [{ id: 'eur-to-acquirer' }] });
  expect((await api.post('/v1/routing', { split: [{ processor: 'euro_acquirer', percent: 60 }] })).status).toBe(400);
  expect((await api.get('/v1/routing')).body.version).toBe(1);
});

it('captures at the acquirer when its signed notification confirms it, and refunds the same way', async () => {
  const created = await euros();
  expect(created.status).toBe(201);
  const paid = await api.waitForPayment(created.body.id, (s) => s === 'succeeded' || s === 'failed');
  expect(paid).toMatchObject({ status: 'succeeded', processor: 'euro_acquirer', amount_captured: 2500, attempts: [{ processor: 'euro_acquirer', outcome: 'authorized', code: null }] });
  expect(t.stack.acquirer.ledger.byMerchantReference(created.body.id)).toEqual([expect.objectContaining({ capture: expect.objectContaining({ amount: 2500, status: 'confirmed' }) })]);
  // the ledger has the capture, like any other
  const balance = await api.get('/v1/balance');
  expect(balance.body.pending).toEqual(expect.arrayContaining([expect.objectContaining({ currency: 'eur' })]));

  const refund = await api.post('/v1/refunds', { payment: created.body.id, amount: 1000 });
  expect(refund.status).toBe(201);
  await eventually(async () => expect((await api.get(`/v1/refunds/${refund.body.id}`)).body.status).toBe('succeeded'));
  expect(t.stack.acquirer.ledger.byMerchantReference(refund.body.id)[0]!.refunds).toEqual([expect.objectContaining({ merchantReference: refund.body.id, amount: 1000, status: 'confirmed' })]);
  // every notification was recorded once, as applied (the record follows the effect it records)
  await eventually(async () => {
    const notes = await firestore().collection(COLLECTIONS.processorNotifications).where('reference', 'in', [created.body.id, refund.body.id]).get();
    expect(notes.docs.map((d) => `${d.get('kind')}:${d.get('outcome')}`).sort()).toEqual(['capture:applied', 'refund:applied']);
  });
}, 60_000);

it('fails over to the primary processor while the acquirer is down, and says so in the attempts', async () => {
  await t.stack.acquirer.setDown(true);
  try {
    const created = await euros(3100);
    const paid = await api.waitForPayment(created.body.id, (s) => s === 'succeeded' || s === 'failed');
    expect(paid).toMatchObject({
      status: 'succeeded',
      processor: 'sandbox_processor',
      attempts: [expect.objectContaining({ processor: 'euro_acquirer', outcome: 'not_reached' }), expect.objectContaining({ processor: 'sandbox_processor', outcome: 'authorized' })],
    });
    expect(t.stack.acquirer.ledger.byMerchantReference(created.body.id)).toEqual([]);
  } finally {
    await t.stack.acquirer.setDown(false);
  }
}, 60_000);

it('shows staff each processor\'s recent record: the acquirer was not reached once, the primary answered', async () => {
  const staff = apiClient(t.stack.apiUrl, await createStaffKey('ops@bank.test'));
  const health = await staff.get('/v1/processors/health');
  expect(health.status).toBe(200);
  const of = (processor: string) => health.body.data.find((h: { processor: string; livemode: boolean }) => h.processor === processor && !h.livemode);
  expect(of('euro_acquirer')).toMatchObject({ not_reached: 1, authorized: 1, state: 'degraded' });
  expect(of('sandbox_processor')).toMatchObject({ authorized: 1, state: 'up', success_rate: 1 });
  expect(health.body.window_seconds).toBe(900);
  expect((await api.get('/v1/processors/health')).status).toBe(401);
});

it('refuses a notification with a bad signature and records one about nothing of ours', async () => {
  const url = `${t.stack.apiUrl}/v1/processors/euro_acquirer/notifications`;
  const body = JSON.stringify({ id: 'ntf_stranger', type: 'CAPTURE', live: 'false', notificationItems: [{ eventCode: 'CAPTURE', success: 'true', pspReference: 'EA00', originalReference: 'EA01', merchantReference: 'pay_unknown', amount: { value: '1.00', currency: 'EUR' }, reason: null, eventDate: new Date().toISOString() }] });
  const forged = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'webhook-id': 'x', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' }, body });
  expect(forged.status).toBe(400);
  const now = new Date();
  const signature = new Webhook(t.stack.env.ACQUIRER_NOTIFICATION_SECRETS!).sign('ntf_stranger', now, body);
  const signed = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'webhook-id': 'ntf_stranger', 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signature }, body });
  expect(signed.status).toBe(200);
  const record = await firestore().collection(COLLECTIONS.processorNotifications).doc('euro_acquirer_ntf_stranger').get();
  expect(record.data()).toMatchObject({ outcome: 'unmatched', reference: 'pay_unknown', amount: 100 });
  // a processor we do not have
  expect((await fetch(`${t.stack.apiUrl}/v1/processors/nobody/notifications`, { method: 'POST', body })).status).toBe(404);
});

it('pays with a token the platform\'s vault issued, at either processor, which describe the same card', async () => {
  const issue = await fetch(`${t.stack.vault.url}/v1/payment_methods`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.stack.env.VAULT_TEST_API_KEY}`, 'content-type': 'application/json', 'idempotency-key': 'vault-issue-1' },
    body: JSON.stringify({ type: 'card', card: { brand: 'mastercard', country: 'gb' } }),
  });
  expect(issue.status).toBe(201);
  const method = (await issue.json()) as { token: string; card: { brand: string; last4: string; country: string } };
  expect(method.token).toMatch(/^pm_card_mastercard_gb_/);
  // euros go to the acquirer by the merchant's rule, dollars to the primary processor
  for (const [currency, processor] of [['eur', 'euro_acquirer'], ['usd', 'sandbox_processor']] as const) {
    const created = await api.post('/v1/payments', { amount: 1800, currency, payment_method: method.token });
    const paid = await api.waitForPayment(created.body.id, (s) => s === 'succeeded' || s === 'failed');
    expect(paid).toMatchObject({ status: 'succeeded', processor, card: { brand: 'mastercard', last4: method.card.last4, country: 'gb' } });
  }
}, 60_000);
