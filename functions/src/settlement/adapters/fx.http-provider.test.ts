import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandboxFx, type SandboxFx } from '../../../../infra/sandbox-fx/sandbox-fx.server';
import { midRateOn, utcDay } from '../../../../infra/sandbox-fx/sandbox-rates';
import { FxUnavailableError } from '../application/fx.provider';
import { FxModeMismatchError, HttpFxProvider } from './fx.http-provider';

const TEST_KEY = 'sk_test_fx_client';
const LIVE_KEY = 'sk_live_fx_client';

let sandbox: SandboxFx;
const opened: HttpFxProvider[] = [];

const client = (options: Partial<ConstructorParameters<typeof HttpFxProvider>[0]> = {}) => {
  const made = new HttpFxProvider({ mode: 'test', baseUrl: sandbox.url, apiKey: TEST_KEY, timeoutMs: 1000, maxAttempts: 1, ...options });
  opened.push(made);
  return made;
};
const fault = (body: object) => fetch(`${sandbox.url}/__admin/faults`, { method: 'POST', body: JSON.stringify(body) });

/** A provider that answers from a script and counts what reached it. */
async function scripted(answers: { status: number; body: unknown }[]): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const answer = answers[Math.min(hits, answers.length - 1)];
      hits += 1;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
const aQuote = (overrides: object = {}) => ({ id: 'fxq_1', object: 'fx_quote', from: 'usd', to: 'eur', mid_rate: 0.92, created: 1, expires_at: Math.floor(Date.now() / 1000) + 60, livemode: false, ...overrides });

beforeAll(async () => {
  sandbox = await startSandboxFx();
});
afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  await sandbox.close();
});
beforeEach(async () => {
  await fetch(`${sandbox.url}/__admin/reset`, { method: 'POST' });
});

describe('HttpFxProvider against the sandbox', () => {
  it('given a test request, then it answers the sandbox’s quote: its id, the pair, the day’s mid rate and when it expires', async () => {
    const before = Date.now();
    const quote = await client().quote({ livemode: false, from: 'usd', to: 'jpy' });
    expect(quote).toEqual({ id: expect.stringMatching(/^fxq_/), from: 'usd', to: 'jpy', midRate: midRateOn('usd', 'jpy', utcDay(before)), expiresAtMs: expect.any(Number) });
    expect(quote.expiresAtMs).toBeGreaterThan(before);
    expect(quote.expiresAtMs).toBeLessThanOrEqual(before + 61_000);
    const stored = await fetch(`${sandbox.url}/v1/quotes/${quote.id}`, { headers: { authorization: `Bearer ${TEST_KEY}` } });
    expect(stored.status).toBe(200);
  });

  it('given a live client and a live request, then the quote is a live one the test key cannot see', async () => {
    const quote = await client({ mode: 'live', apiKey: LIVE_KEY }).quote({ livemode: true, from: 'eur', to: 'gbp' });
    expect((await fetch(`${sandbox.url}/v1/quotes/${quote.id}`, { headers: { authorization: `Bearer ${LIVE_KEY}` } })).status).toBe(200);
    expect((await fetch(`${sandbox.url}/v1/quotes/${quote.id}`, { headers: { authorization: `Bearer ${TEST_KEY}` } })).status).toBe(404);
  });

  it('given a live request on the test client, then it throws before any request', async () => {
    const provider = await scripted([{ status: 200, body: aQuote() }]);
    try {
      await expect(client({ baseUrl: provider.url }).quote({ livemode: true, from: 'usd', to: 'eur' })).rejects.toThrow(FxModeMismatchError);
      expect(provider.hits()).toBe(0);
    } finally {
      await provider.close();
    }
  });

  it('given a key of the other mode, then the client refuses to be built', () => {
    expect(() => new HttpFxProvider({ mode: 'test', baseUrl: sandbox.url, apiKey: LIVE_KEY })).toThrow(/sk_test_/);
    expect(() => new HttpFxProvider({ mode: 'live', baseUrl: sandbox.url, apiKey: TEST_KEY })).toThrow(/sk_live_/);
  });

  it('given an unsupported currency, then FxUnavailableError naming the refusal', async () => {
    await expect(client().quote({ livemode: false, from: 'usd', to: 'xyz' })).rejects.toThrow(/unsupported_currency/);
    await expect(client().quote({ livemode: false, from: 'usd', to: 'xyz' })).rejects.toBeInstanceOf(FxUnavailableError);
  });

  it('given two 503s and three attempts, then the third attempt’s quote is answered', async () => {
    await fault({ kind: 'error', status: 503, times: 2 });
    await expect(client({ maxAttempts: 3 }).quote({ livemode: false, from: 'usd', to: 'eur' })).resolves.toMatchObject({ from: 'usd', to: 'eur' });
  });

  it.each(['expired', 'mismatched_pair', 'garbage'] as const)('given a %s answer, then it is refused with FxUnavailableError, and a retry gets a good quote', async (kind) => {
    await fault({ kind });
    await expect(client().quote({ livemode: false, from: 'usd', to: 'eur' })).rejects.toBeInstanceOf(FxUnavailableError);
    await fault({ kind });
    await expect(client({ maxAttempts: 2 }).quote({ livemode: false, from: 'usd', to: 'eur' })).resolves.toMatchObject({ from: 'usd', to: 'eur' });
  });

  it('given a provider that holds its answer past the timeout, then FxUnavailableError in about the timeout', async () => {
    await fault({ kind: 'hang', hang_ms: 3_000 });
    const started = Date.now();
    await expect(client({ timeoutMs: 200 }).quote({ livemode: false, from: 'usd', to: 'eur' })).rejects.toThrow(/timed out/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('given a quote that expires before our clock, then it is refused', async () => {
    await expect(client({ now: () => Date.now() + 120_000 }).quote({ livemode: false, from: 'usd', to: 'eur' })).rejects.toThrow(/already expired/);
  });
});

describe('HttpFxProvider against a misbehaving provider', () => {
  it('given answers that are always 500, then it tries maxAttempts times and throws FxUnavailableError', async () => {
    const provider = await scripted([{ status: 500, body: { error: { code: 'boom' } } }]);
    try {
      await expect(client({ baseUrl: provider.url, maxAttempts: 3 }).quote({ livemode: false, from: 'usd', to: 'eur' })).rejects.toBeInstanceOf(FxUnavailableError);
      expect(provider.hits()).toBe(3);
    } finally {
      await provider.close();
    }
  });

  it('given a 400 refusal, then it is not retried', async () => {
    const provider = await scripted([{ status: 400, body: { error: { code: 'unsupported_currency' } } }]);
    try {
      await expect(client({ baseUrl: provider.url, maxAttempts: 3 }).quote({ livemode: false, from: 'usd', to: 'eur' })).rejects.toThrow(/400 unsupported_currency/);
      expect(provider.hits()).toBe(1);
    } finally {
      await provider.close();
    }
  });

  it.each([
    ['a live quote to a test client', aQuote({ livemode: true })],
    ['another pair', aQuote({ from: 'usd', to: 'gbp' })],
    ['a zero rate', aQuote({ mid_rate: 0 })],
    ['a missing expiry', aQuote({ expires_at: undefined })],
    ['an expired quote', aQuote({ expires_at: Math.floor(Date.now() / 1000) - 1 })],
    ['not a quote at all', 'not json'],
  ])('given %s, then FxUnavailableError', async (_name, body) => {
    const provider = await scripted([{ status: 200, body }]);
    try {
      await expect(client({ baseUrl: provider.url }).quote({ livemode: false, from: 'usd', to: 'eur' })).rejects.toBeInstanceOf(FxUnavailableError);
    } finally {
      await provider.close();
    }
  });

  it('given repeated failures, then the breaker opens and later calls fail fast without reaching the provider', async () => {
    const provider = await scripted([{ status: 503, body: {} }]);
    try {
      const breaking = client({ baseUrl: provider.url, breakerThreshold: 2, breakerHalfOpenAfterMs: 60_000 });
      for (let i = 0; i < 2; i += 1) await expect(breaking.quote({ livemode: false, from: 'usd', to: 'eur' })).rejects.toBeInstanceOf(FxUnavailableError);
      await expect(breaking.quote({ livemode: false, from: 'usd', to: 'eur' })).rejects.toThrow(/circuit open/);
      expect(provider.hits()).toBe(2);
    } finally {
      await provider.close();
    }
  });

  it('given nothing listening, then FxUnavailableError', async () => {
    const provider = await scripted([{ status: 200, body: aQuote() }]);
    await provider.close();
    await expect(client({ baseUrl: provider.url }).quote({ livemode: false, from: 'usd', to: 'eur' })).rejects.toBeInstanceOf(FxUnavailableError);
  });
});
