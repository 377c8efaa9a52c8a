import { apiClient, processorMovements } from './support/api-client';
import { eventually } from './support/eventually';
import { startTestStack, TestStack } from './support/test-stack';

// The merchant API as a black box: HTTP in, HTTP out, on the real emulators.
let t: TestStack;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  t = await startTestStack();
  const merchant = await t.newMerchant('Contract Co');
  api = apiClient(t.stack.apiUrl, merchant.secretKey);
}, 120_000);

afterAll(async () => {
  await t?.stack.stop();
});

const card = (payment_method = 'pm_card_visa', extra: object = {}) => ({ amount: 2000, currency: 'usd', payment_method, ...extra });

describe('authentication', () => {
  it('refuses a missing, malformed or unknown key with 401 and writes nothing', async () => {
    for (const key of ['', 'sk_test_short', 'sk_test_' + 'A'.repeat(32)]) {
      const answer = await apiClient(t.stack.apiUrl, key).post('/v1/payments', card());
      expect(answer.status).toBe(401);
      expect(answer.body.error).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key' });
    }
  });
});

describe('creating and completing payments', () => {
  it('answers 201 processing at once and reaches succeeded through the chain', async () => {
    const created = await api.post('/v1/payments', card('pm_card_visa', { metadata: { order: '42' } }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ object: 'payment', status: 'processing', amount: 2000, currency: 'usd', amount_captured: 0, metadata: { order: '42' } });
    expect(created.body.id).toMatch(/^pay_/);
    const done = await api.waitForPayment(created.body.id);
    // Every gate is on, as in production: the fraud gate scored the payment on its way.
    expect(done).toMatchObject({ status: 'succeeded', amount_captured: 2000, amount_capturable: 0, last_error: null, risk: { decision: 'allow' } });
  });

  it('honours each currency’s minor units and refuses unknown currencies', async () => {
    expect((await api.post('/v1/payments', { amount: 500, currency: 'jpy', payment_method: 'pm_card_visa' })).status).toBe(201);
    expect((await api.post('/v1/payments', { amount: 1234, currency: 'bhd', payment_method: 'pm_card_visa' })).status).toBe(201);
    const unknown = await api.post('/v1/payments', { amount: 500, currency: 'xyz', payment_method: 'pm_card_visa' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ type: 'invalid_request_error', param: 'currency' });
    const fractional = await api.post('/v1/payments', { amount: 10.5, currency: 'usd', payment_method: 'pm_card_visa' });
    expect(fractional.body.error).toMatchObject({ param: 'amount' });
  });

  it('marks a declined card failed with the decline code', async () => {
    const created = await api.post('/v1/payments', card('pm_card_declined'));
    const done = await api.waitForPayment(created.body.id);
    expect(done.status).toBe('failed');
    expect(done.last_error).toMatchObject({ code: 'card_declined' });
    const insufficient = await api.waitForPayment((await api.post('/v1/payments', card('pm_card_insufficient_funds'))).body.id);
    expect(insufficient.last_error.code).toBe('insufficient_funds');
  });

  it('survives a processor timeout and an outage without charging twice', async () => {
    const slow = await api.post('/v1/payments', card('pm_card_timeout_once'));
    const flaky = await api.post('/v1/payments', card('pm_card_processor_error'));
    expect((await api.waitForPayment(slow.body.id)).status).toBe('succeeded');
    expect((await api.waitForPayment(flaky.body.id)).status).toBe('succeeded');
    const movements = await processorMovements(t.stack.processorUrl);
    for (const id of [slow.body.id, flaky.body.id]) {
      const keys = movements.filter((m) => m.idempotency_key.endsWith(id)).map((m) => m.type).sort();
      expect(keys).toEqual(['authorization', 'capture']);
    }
  });
});

describe('manual capture, cancel and refunds', () => {
  it('captures part of an authorisation once and refuses a second capture', async () => {
    const created = await api.post('/v1/payments', card('pm_card_mastercard', { capture_method: 'manual' }));
    const authorised = await api.waitForPayment(created.body.id);
    expect(authorised).toMatchObject({ status: 'requires_capture', amount_capturable: 2000 });
    const tooMuch = await api.post(`/v1/payments/${created.body.id}/capture`, { amount_to_capture: 5000 });
    expect(tooMuch.status).toBe(400);
    const capture = await api.post(`/v1/payments/${created.body.id}/capture`, { amount_to_capture: 1500 });
    expect(capture.status).toBe(200);
    expect((await api.waitForPayment(created.body.id)).amount_captured).toBe(1500);
    const again = await api.post(`/v1/payments/${created.body.id}/capture`, {});
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('payment_unexpected_state');
  });

  it('cancels an authorised payment and voids it at the processor; a captured one cannot be canceled', async () => {
    const created = await api.post('/v1/payments', card('pm_card_visa', { capture_method: 'manual' }));
    await api.waitForPayment(created.body.id);
    const canceled = await api.post(`/v1/payments/${created.body.id}/cancel`, {});
    expect(canceled.body).toMatchObject({ status: 'canceled', amount_capturable: 0 });
    await eventually(async () => expect((await processorMovements(t.stack.processorUrl)).filter((m) => m.type === 'void').map((m) => m.idempotency_key)).toContain(`void_${created.body.id}`));
    const succeeded = await api.waitForPayment((await api.post('/v1/payments', card())).body.id);
    const refused = await api.post(`/v1/payments/${succeeded.id}/cancel`, {});
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('payment_unexpected_state');
  });

  it('allows several partial refunds but never more than was captured', async () => {
    const payment = await api.waitForPayment((await api.post('/v1/payments', card())).body.id);
    const first = await api.post('/v1/refunds', { payment: payment.id, amount: 700 });
    const second = await api.post('/v1/refunds', { payment: payment.id, amount: 1000 });
    expect([first.status, second.status]).toEqual([201, 201]);
    const over = await api.post('/v1/refunds', { payment: payment.id, amount: 301 });
    expect(over.status).toBe(400);
    expect(over.body.error.code).toBe('amount_too_large');
    await eventually(async () => expect((await api.get(`/v1/refunds/${second.body.id}`)).body.status).toBe('succeeded'));
    expect((await api.get(`/v1/payments/${payment.id}`)).body.amount_refunded).toBe(1700);
  });
});
