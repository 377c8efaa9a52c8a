import { ProcessorTestClient } from './processor-test-client';
import { startSandboxProcessor, type SandboxProcessor } from './sandbox-processor.server';

let processor: SandboxProcessor;
let client: ProcessorTestClient;

beforeAll(async () => {
  processor = await startSandboxProcessor({ host: '127.0.0.1', port: 0 });
  client = new ProcessorTestClient(processor.url);
});
afterAll(() => processor.close());
beforeEach(() => client.reset());

describe('authorisations by test token', () => {
  it('approves a visa card and describes it without any card number', async () => {
    const reply = await client.post('/v1/authorizations', {
      token: 'pm_card_visa',
      amount: 2599,
      currency: 'usd',
      reference: 'order-1',
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      object: 'authorization',
      status: 'approved',
      decline_code: null,
      amount: 2599,
      currency: 'usd',
      amount_captured: 0,
      amount_refunded: 0,
      voided: false,
      card: { brand: 'visa', country: 'us' },
    });
    expect(reply.body.id).toMatch(/^auth_[0-9a-f]+$/);
    expect(reply.body.card.last4).toMatch(/^\d{4}$/);
  });

  it('approves mastercard and general-form tokens with their country', async () => {
    expect((await client.authorize('pm_card_mastercard')).body).toMatchObject({ status: 'approved', card: { brand: 'mastercard' } });
    expect((await client.authorize('pm_card_amex_gb_7')).body).toMatchObject({
      status: 'approved',
      card: { brand: 'amex', country: 'gb' },
    });
  });

  it.each([
    ['pm_card_declined', 'card_declined'],
    ['pm_card_insufficient_funds', 'insufficient_funds'],
  ])('declines %s with %s and moves no money', async (token, declineCode) => {
    const reply = await client.authorize(token);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'declined', decline_code: declineCode });
    expect(await client.movements()).toEqual([]);
  });

  it('rejects an unknown token with invalid_token', async () => {
    const reply = await client.authorize('pm_card_discover');
    expect(reply).toEqual({ status: 400, body: { error: { code: 'invalid_token', message: expect.any(String) } } });
  });

  it('reports the same card for a token on every authorisation and lookup', async () => {
    const first = await client.authorize('pm_card_visa_gb_1');
    const second = await client.authorize('pm_card_visa_gb_1');
    const other = await client.authorize('pm_card_visa_gb_2');
    const method = await client.get('/v1/payment_methods/pm_card_visa_gb_1');
    expect(second.body.card).toEqual(first.body.card);
    expect(method.body).toEqual({ token: 'pm_card_visa_gb_1', card: first.body.card });
    expect(other.body.card.fingerprint).not.toEqual(first.body.card.fingerprint);
  });

  it('reads an authorisation back and 404s unknown ids and tokens', async () => {
    const created = await client.authorize('pm_card_visa');
    expect(await client.get(`/v1/authorizations/${created.body.id}`)).toEqual({ status: 200, body: created.body });
    expect((await client.get('/v1/authorizations/auth_nope')).status).toBe(404);
    expect((await client.get('/v1/payment_methods/pm_card_nope')).status).toBe(404);
  });
});

describe('request validation', () => {
  it.each([
    ['a fractional amount', { token: 'pm_card_visa', amount: 10.5, currency: 'usd' }],
    ['a zero amount', { token: 'pm_card_visa', amount: 0, currency: 'usd' }],
    ['a negative amount', { token: 'pm_card_visa', amount: -5, currency: 'usd' }],
    ['an upper-case currency', { token: 'pm_card_visa', amount: 100, currency: 'USD' }],
    ['a made-up currency', { token: 'pm_card_visa', amount: 100, currency: 'zzz' }],
    ['a missing token', { amount: 100, currency: 'usd' }],
    ['an array body', [1, 2]],
  ])('rejects %s with invalid_request', async (_label, body) => {
    const reply = await client.post('/v1/authorizations', body);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({ code: 'invalid_request', message: expect.any(String) });
  });

  it('rejects malformed JSON with 400', async () => {
    const reply = await client.post('/v1/authorizations', undefined, { rawBody: '{"token": ' });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_request');
  });

  it('rejects a POST without an Idempotency-Key', async () => {
    const reply = await client.post('/v1/authorizations', { token: 'pm_card_visa', amount: 100, currency: 'usd' }, { key: null });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('missing_idempotency_key');
    expect(await client.movements()).toEqual([]);
  });

  it('answers 404 for unknown paths and 405 for wrong methods', async () => {
    expect((await client.get('/v1/charges')).status).toBe(404);
    expect((await client.request('DELETE', '/v1/authorizations')).status).toBe(405);
    expect((await client.request('PUT', '/v1/refunds')).status).toBe(405);
    expect((await client.post('/v1/movements', {})).status).toBe(405);
  });
});

describe('idempotency', () => {
  it('replays the first response for the same key and body without authorising again', async () => {
    const body = { token: 'pm_card_visa', amount: 500, currency: 'eur' };
    const first = await client.post('/v1/authorizations', body, { key: 'order-7' });
    const replay = await client.post('/v1/authorizations', { currency: 'eur', amount: 500, token: 'pm_card_visa' }, { key: 'order-7' });
    expect(replay).toEqual(first);
    expect(await client.movements()).toHaveLength(1);
  });

  it('replays a stored refusal as well as a success', async () => {
    const auth = await client.authorize('pm_card_declined');
    const first = await client.capture(auth.body.id, 100, { key: 'cap-declined' });
    const replay = await client.capture(auth.body.id, 100, { key: 'cap-declined' });
    expect(first.status).toBe(409);
    expect(replay).toEqual(first);
  });

  it('refuses the same key with a different body or endpoint', async () => {
    await client.authorize('pm_card_visa', 500, { key: 'order-8' });
    const otherAmount = await client.authorize('pm_card_visa', 501, { key: 'order-8' });
    const otherEndpoint = await client.post('/v1/refunds', { capture: 'cap_x', amount: 1 }, { key: 'order-8' });
    expect(otherAmount.status).toBe(422);
    expect(otherAmount.body.error).toEqual({ code: 'idempotency_mismatch', message: expect.any(String) });
    expect(otherEndpoint.status).toBe(422);
    expect(await client.movements()).toHaveLength(1);
  });

  it('processes a corrected request after a validation failure under the same key', async () => {
    const invalid = await client.post('/v1/authorizations', { token: 'pm_card_visa', amount: 0, currency: 'usd' }, { key: 'fix-me' });
    const corrected = await client.authorize('pm_card_visa', 100, { key: 'fix-me' });
    expect(invalid.status).toBe(400);
    expect(corrected.body.status).toBe('approved');
  });

  it('forgets everything on admin reset', async () => {
    const before = await client.authorize('pm_card_visa', 100, { key: 'reset-key' });
    await client.reset();
    const after = await client.authorize('pm_card_visa', 100, { key: 'reset-key' });
    expect(after.body.id).not.toEqual(before.body.id);
    expect((await client.get(`/v1/authorizations/${before.body.id}`)).status).toBe(404);
    expect(await client.movements()).toHaveLength(1);
  });
});
