import { apiClient } from './support/api-client';
import { eventually } from './support/eventually';
import { startTestStack, TestStack } from './support/test-stack';

// Request hygiene, idempotency, listing, balance and the API description, on the real emulators.
let t: TestStack;
let api: ReturnType<typeof apiClient>;
let secretKey: string;

beforeAll(async () => {
  t = await startTestStack();
  secretKey = (await t.newMerchant('Requests Co')).secretKey;
  api = apiClient(t.stack.apiUrl, secretKey);
}, 120_000);

afterAll(async () => {
  await t?.stack.stop();
});

const card = { amount: 1000, currency: 'eur', payment_method: 'pm_card_visa' };
// A well-known test PAN, here only to prove the guard rejects it.
const PAN = ['4242', '4242', '4242', '4242'].join(' ');
const escaped = (text: string) => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

describe('bad requests get a 4xx error object and write nothing', () => {
  it.each([
    ['unknown field', { body: { ...card, colour: 'red' } }, 400, 'parameter_unknown'],
    ['malformed JSON', { rawBody: '{"amount":', headers: { 'content-type': 'application/json' } }, 400, 'invalid_json'],
    ['wrong content type', { rawBody: 'amount=1', headers: { 'content-type': 'text/plain' } }, 415, 'unsupported_media_type'],
    ['oversized body', { body: { ...card, description: 'x'.repeat(70_000) } }, 413, 'body_too_large'],
    ['missing amount', { body: { currency: 'usd', payment_method: 'pm_card_visa' } }, 400, 'parameter_missing'],
    ['raw card number', { body: { ...card, description: `card ${PAN}` } }, 400, 'card_number_not_allowed'],
    ['card number in JSON escapes', { rawBody: `{"amount":1000,"currency":"eur","payment_method":"pm_card_visa","description":"${escaped(PAN)}"}`, headers: { 'content-type': 'application/json' } }, 400, 'card_number_not_allowed'],
    ['card number glued to letters', { body: { ...card, description: `card${PAN.replace(/ /g, '')}` } }, 400, 'card_number_not_allowed'],
    ['card number in dotted groups', { body: { ...card, metadata: { note: PAN.replace(/ /g, '.') } } }, 400, 'card_number_not_allowed'],
  ])('%s', async (_name, request, status, code) => {
    const before = (await api.get('/v1/payments?limit=100')).body.data.length;
    const answer = await api.call('POST', '/v1/payments', request as never);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatchObject({ type: 'invalid_request_error', code });
    expect((await api.get('/v1/payments?limit=100')).body.data.length).toBe(before);
  });

  it('refuses a 20 MB body with 413 before reading it, declared or chunked, and writes nothing', async () => {
    const before = (await api.get('/v1/payments?limit=100')).body.data.length;
    const big = new Uint8Array(20 * 1024 * 1024).fill(0x20);
    const headers = { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' };
    const declared = await fetch(`${t.stack.apiUrl}/v1/payments`, { method: 'POST', headers, body: big });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: expect.objectContaining({ type: 'invalid_request_error', code: 'body_too_large' }) });
    // A stream has no Content-Length: it is sent chunked and counted while it arrives.
    const chunks = Array.from({ length: 320 }, () => new Uint8Array(64 * 1024).fill(0x20));
    const stream = new ReadableStream<Uint8Array>({ pull: (c) => void (chunks.length ? c.enqueue(chunks.pop()!) : c.close()) });
    const chunked = await fetch(`${t.stack.apiUrl}/v1/payments`, { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as { error: { code: string } }).error.code).toBe('body_too_large');
    expect((await api.get('/v1/payments?limit=100')).body.data.length).toBe(before);
  });

  it('refuses a raw card number in a header too', async () => {
    const answer = await api.post('/v1/payments', card, { 'idempotency-key': PAN.replace(/ /g, '') });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('card_number_not_allowed');
  });

  it('never logs a raw card number', async () => {
    const refused = await api.post('/v1/payments', { ...card, payment_method: PAN });
    expect(refused.headers.get('request-id')).toMatch(/^req_/);
    // The request's last log line ('request handled', with its request id) is written after the answer.
    await eventually(() => expect(t.functionLogs.join('\n')).toContain(refused.headers.get('request-id')));
    expect(t.functionLogs.join('\n')).not.toContain(PAN.replace(/ /g, ''));
    expect(t.functionLogs.join('\n')).not.toContain(PAN);
  });

  it.each([
    ['an encoded slash', 'a%2Fb'],
    ['a reserved name', '__name__'],
    ['a dot path', '..'],
    ['1,604 characters', `pay_${'x'.repeat(1600)}`],
  ])('answers a malformed id (%s) with 404, not 500', async (_kind, id) => {
    for (const [method, path] of [['GET', `/v1/payments/${id}`], ['POST', `/v1/payments/${id}/capture`], ['GET', `/v1/refunds/${id}`], ['POST', `/v1/reviews/${id}/approve`], ['DELETE', `/v1/radar/rules/${id}`]]) {
      const answer = await api.call(method, path, method === 'POST' ? { body: {} } : {});
      expect({ method, status: answer.status, code: answer.body.error?.code }).toEqual({ method, status: 404, code: 'resource_missing' });
    }
  });

  it('answers an unknown route with the error object', async () => {
    const answer = await api.get('/v1/nothing-here');
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('resource_missing');
  });
});

describe('idempotency keys', () => {
  it('replays the first answer, flags it, and refuses the key with another body', async () => {
    const first = await api.post('/v1/payments', card, { 'idempotency-key': 'order-1' });
    const retry = await api.post('/v1/payments', card, { 'idempotency-key': 'order-1' });
    expect(retry.status).toBe(first.status);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const other = await api.post('/v1/payments', { ...card, amount: 1001 }, { 'idempotency-key': 'order-1' });
    expect(other.status).toBe(400);
    expect(other.body.error.type).toBe('idempotency_error');
  });

  it('replays a 4xx answer too', async () => {
    const first = await api.post('/v1/payments/pay_doesnotexist/capture', {}, { 'idempotency-key': 'cap-1' });
    const retry = await api.post('/v1/payments/pay_doesnotexist/capture', {}, { 'idempotency-key': 'cap-1' });
    expect(first.status).toBe(404);
    expect(retry.status).toBe(404);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });

  it('creates exactly one payment when the same key arrives concurrently', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => api.post('/v1/payments', card, { 'idempotency-key': 'burst-1' })));
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
    expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true);
  });

  it('scopes keys to the merchant', async () => {
    const other = apiClient(t.stack.apiUrl, (await t.newMerchant('Other Co')).secretKey);
    const mine = await api.post('/v1/payments', card, { 'idempotency-key': 'shared-key' });
    const theirs = await other.post('/v1/payments', { ...card, amount: 3000 }, { 'idempotency-key': 'shared-key' });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect((await other.get(`/v1/payments/${mine.body.id}`)).status).toBe(404);
  });
});

describe('listing, balance and the API description', () => {
  it('lists newest first with cursor pagination', async () => {
    const lister = apiClient(t.stack.apiUrl, (await t.newMerchant('Lister')).secretKey);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await lister.post('/v1/payments', card)).body.id);
    const page1 = await lister.get('/v1/payments?limit=3');
    expect(page1.body.data.map((p: { id: string }) => p.id)).toEqual(ids.slice(-3).reverse());
    expect(page1.body.has_more).toBe(true);
    const page2 = await lister.get(`/v1/payments?limit=3&starting_after=${page1.body.data[2].id}`);
    expect(page2.body.data.map((p: { id: string }) => p.id)).toEqual(ids.slice(0, 2).reverse());
    expect(page2.body.has_more).toBe(false);
  });

  it('derives the balance from the ledger: captured amounts less fees and refunds', async () => {
    const merchant = apiClient(t.stack.apiUrl, (await t.newMerchant('Balance Co')).secretKey);
    const a = await merchant.waitForPayment((await merchant.post('/v1/payments', { ...card, amount: 10_000 })).body.id);
    await merchant.waitForPayment((await merchant.post('/v1/payments', { ...card, amount: 5_000 })).body.id);
    const refund = await merchant.post('/v1/refunds', { payment: a.id, amount: 2_500 });
    await eventually(async () => expect((await merchant.get(`/v1/refunds/${refund.body.id}`)).body.status).toBe('succeeded'));
    const balance = await merchant.get('/v1/balance');
    // 2.9 % fee on each capture: 290 + 145, pending for the default 2 delay days; a refund returns the
    // full amount out of the available balance at once, so available goes negative (carried, never dropped).
    expect(balance.body).toMatchObject({
      available: [{ amount: -2_500, currency: 'eur' }],
      pending: [{ amount: 10_000 - 290 + 5_000 - 145, currency: 'eur' }],
    });
  });

  it('screens a name against the OFAC list, ranked with the matched entry and the list version', async () => {
    const answer = await api.post('/v1/sanctions/screen', { name: 'Banco Nacional de Cuba', type: 'entity' });
    expect(answer.status).toBe(200);
    expect(answer.body.matches[0]).toMatchObject({ list: 'OFAC-SDN', entity_id: 306, strength: 'strong' });
    expect(answer.body.list_version).toMatch(/^OFAC-SDN:/);
    expect((await api.post('/v1/sanctions/screen', { name: 'Margaret Thistlewood' })).body.matches).toEqual([]);
  });

  it('serves an OpenAPI 3.1 document listing every route', async () => {
    const doc = (await fetch(`${t.stack.apiUrl}/v1/openapi.json`).then((r) => r.json())) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/payments', '/v1/payments/{id}/capture', '/v1/refunds', '/v1/balance']));
  });
});
