import { midRateOn } from './sandbox-rates';
import { DEFAULT_QUOTE_TTL_MS, startSandboxFx, type SandboxFx } from './sandbox-fx.server';

const TEST_KEY = 'sk_test_fx';
const LIVE_KEY = 'sk_live_fx';
const T0 = Date.UTC(2026, 10, 28, 12, 0, 0, 250);

let clock = T0;
let fx: SandboxFx;

async function call(method: 'GET' | 'POST', path: string, options: { key?: string | null; body?: unknown; raw?: string } = {}) {
  const key = options.key === undefined ? TEST_KEY : options.key;
  const response = await fetch(`${fx.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(key === null ? {} : { authorization: `Bearer ${key}` }) },
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body, headers: response.headers };
}
const quote = (from: string, to: string, key?: string | null) => call('POST', '/v1/quotes', { key, body: { from, to } });

beforeAll(async () => {
  fx = await startSandboxFx({ host: '127.0.0.1', port: 0, now: () => clock });
});
afterAll(() => fx.close());
beforeEach(async () => {
  clock = T0;
  await call('POST', '/__admin/reset', { key: null });
});

describe('POST /v1/quotes', () => {
  it('given a test key and two supported currencies, then it answers a test quote at the day’s mid rate, valid 60 s', async () => {
    const reply = await quote('usd', 'eur');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      id: expect.stringMatching(/^fxq_[0-9a-f]{24}$/),
      object: 'fx_quote',
      from: 'usd',
      to: 'eur',
      mid_rate: midRateOn('usd', 'eur', '2026-11-28'),
      created: Math.floor(T0 / 1000),
      expires_at: Math.floor((T0 + DEFAULT_QUOTE_TTL_MS) / 1000),
      livemode: false,
    });
    expect(reply.body.mid_rate).toBeCloseTo(1 / 1.08, 2);
  });

  it('given a live key, then the quote is a live one', async () => {
    expect((await quote('gbp', 'jpy', LIVE_KEY)).body).toMatchObject({ from: 'gbp', to: 'jpy', livemode: true });
  });

  it('given two quotes on one day, then they carry the same rate and distinct ids; the next day the rate moves a little', async () => {
    const [a, b] = [await quote('eur', 'kwd'), await quote('eur', 'kwd')];
    expect(a.body.mid_rate).toBe(b.body.mid_rate);
    expect(a.body.id).not.toBe(b.body.id);
    const rates = new Set<number>([a.body.mid_rate]);
    for (let day = 1; day <= 5; day += 1) {
      clock = T0 + day * 86_400_000;
      const next = await quote('eur', 'kwd');
      expect(Math.abs(next.body.mid_rate / a.body.mid_rate - 1)).toBeLessThan(0.011);
      rates.add(next.body.mid_rate);
    }
    expect(rates.size).toBeGreaterThan(1);
  });

  it.each([
    [{ from: 'xyz', to: 'usd' }, 'unsupported_currency', 'from'],
    [{ from: 'usd', to: 'xau' }, 'unsupported_currency', 'to'],
    [{ from: 'USD', to: 'eur' }, 'invalid_request', 'from'],
    [{ from: 'usd', to: 'usd' }, 'invalid_request', 'to'],
    [{ from: 'usd' }, 'invalid_request', 'to'],
    [{ from: 'usd', to: 'eur', amount: 5 }, 'invalid_request', undefined],
  ])('given %j, then 400 %s and no quote', async (body, code, param) => {
    const reply = await call('POST', '/v1/quotes', { body });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe(code);
    expect(reply.body.error.param).toBe(param);
  });

  it('given a body that is not JSON, then 400 invalid_request', async () => {
    const reply = await call('POST', '/v1/quotes', { raw: '{from' });
    expect(reply).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
  });

  it('given no API key or one without a mode prefix, then 401 and no quote', async () => {
    expect((await quote('usd', 'eur', null)).status).toBe(401);
    expect((await quote('usd', 'eur', 'pk_test_x')).status).toBe(401);
    expect((await quote('usd', 'eur', 'sk_other_x')).status).toBe(401);
  });

  it('given a GET on the collection, then 405 with Allow: POST', async () => {
    const reply = await call('GET', '/v1/quotes');
    expect(reply.status).toBe(405);
    expect(reply.headers.get('allow')).toBe('POST');
  });
});

describe('GET /v1/quotes/{id}', () => {
  it('given a quote still valid, then it answers the same quote; once its ttl has passed, 410 quote_expired', async () => {
    const created = await quote('usd', 'jpy');
    expect(await call('GET', `/v1/quotes/${created.body.id}`)).toMatchObject({ status: 200, body: created.body });
    clock = T0 + DEFAULT_QUOTE_TTL_MS - 1;
    expect((await call('GET', `/v1/quotes/${created.body.id}`)).status).toBe(200);
    clock = T0 + DEFAULT_QUOTE_TTL_MS;
    expect(await call('GET', `/v1/quotes/${created.body.id}`)).toMatchObject({ status: 410, body: { error: { code: 'quote_expired' } } });
  });

  it('given a quote of the other mode or an unknown id, then 404: test and live never see each other’s quotes', async () => {
    const test = await quote('usd', 'eur');
    const live = await quote('usd', 'eur', LIVE_KEY);
    expect((await call('GET', `/v1/quotes/${test.body.id}`, { key: LIVE_KEY })).status).toBe(404);
    expect((await call('GET', `/v1/quotes/${live.body.id}`, { key: TEST_KEY })).status).toBe(404);
    expect((await call('GET', `/v1/quotes/${live.body.id}`, { key: LIVE_KEY })).status).toBe(200);
    expect((await call('GET', '/v1/quotes/fxq_0000')).body.error.code).toBe('resource_missing');
    expect((await call('GET', '/v1/quotes/..%2Fx')).status).toBe(404);
  });
});

describe('a configured ttl', () => {
  it('given quoteTtlMs 5 s, then expires_at is 5 s after creation (unix seconds, rounded down) and the quote expires then', async () => {
    const short = await startSandboxFx({ quoteTtlMs: 5_000, now: () => clock });
    try {
      const response = await fetch(`${short.url}/v1/quotes`, { method: 'POST', headers: { authorization: `Bearer ${TEST_KEY}` }, body: JSON.stringify({ from: 'bhd', to: 'krw' }) });
      const body = (await response.json()) as { id: string; expires_at: number };
      expect(body.expires_at).toBe(Math.floor((T0 + 5_000) / 1000));
      clock = T0 + 5_000;
      expect((await fetch(`${short.url}/v1/quotes/${body.id}`, { headers: { authorization: `Bearer ${TEST_KEY}` } })).status).toBe(410);
    } finally {
      await short.close();
    }
  });

  it('given a negative ttl, then the sandbox refuses to start', async () => {
    await expect(startSandboxFx({ quoteTtlMs: -1 })).rejects.toThrow(/quoteTtlMs/);
  });
});

describe('scripted faults', () => {
  it('given an error fault twice, then the next two quotes answer it and the third is a quote', async () => {
    await call('POST', '/__admin/faults', { key: null, body: { kind: 'error', status: 503, code: 'unavailable', times: 2 } });
    expect((await quote('usd', 'eur')).status).toBe(503);
    expect((await quote('usd', 'eur')).status).toBe(503);
    expect((await quote('usd', 'eur')).status).toBe(200);
  });

  it('given an expired fault, then the quote is already expired when answered', async () => {
    await call('POST', '/__admin/faults', { key: null, body: { kind: 'expired' } });
    const reply = await quote('usd', 'eur');
    expect(reply.body.expires_at * 1000).toBeLessThan(clock);
  });

  it('given a mismatched-pair fault, then the answer is for the reversed pair', async () => {
    await call('POST', '/__admin/faults', { key: null, body: { kind: 'mismatched_pair' } });
    expect((await quote('usd', 'eur')).body).toMatchObject({ from: 'eur', to: 'usd' });
  });

  it('given an invalid fault, then 400', async () => {
    expect((await call('POST', '/__admin/faults', { key: null, body: { kind: 'nope' } })).status).toBe(400);
  });
});
