import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { createMerchantWithKey } from '../../infra/scripts/create-merchant';
import { startWebhookListener } from '../../infra/scripts/webhooks-listen';
import { apiClient } from './support/api-client';
import { eventually } from './support/eventually';
import { startTestStack, TestStack } from './support/test-stack';

// Merchant webhooks end to end, as the "done when" reads: a merchant registers an endpoint,
// receives signed events that the official `standardwebhooks` package verifies (not the project's own
// code), sees every attempt, survives its endpoint being down (the events arrive after it comes back,
// none lost, none with another id), rotates its secret without a gap, and a live endpoint pointing at a
// private address is refused. Every gate is on, as in production; the queue's real retry policy runs
// (first retry 5 s after a failure, then 10 s, 20 s…), so the outage here is a few attempts long.
jest.setTimeout(120_000);

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack();
}, 120_000);

afterAll(async () => {
  if (process.env.DEBUG_WEBHOOKS) process.stderr.write(t.functionLogs.filter((l) => /deliver|whd-|attempt_failed|task/.test(l) && !/request handled/.test(l)).slice(-80).join('\n'));
  await t?.stack.stop();
});

interface Delivery {
  readonly body: string;
  readonly headers: Record<string, string>;
  readonly event: { id: string; type: string; data: { object: Record<string, any> }; livemode: boolean };
}

/** A merchant's web server: records what it is sent, and answers as the test says (up, down with 500, or hanging). */
async function receiver(): Promise<{ url: string; deliveries: Delivery[]; mode: { now: 'up' | 'down' }; close(): Promise<void> }> {
  const deliveries: Delivery[] = [];
  const mode: { now: 'up' | 'down' } = { now: 'up' };
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      if (mode.now === 'down') return void res.writeHead(500).end('down for maintenance');
      const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [h, String(req.headers[h] ?? '')]));
      deliveries.push({ body, headers, event: JSON.parse(body) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    deliveries,
    mode,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

type Api = ReturnType<typeof apiClient>;

async function succeededPayment(api: Api): Promise<any> {
  const created = await api.post('/v1/payments', { amount: 2_500, currency: 'usd', payment_method: 'pm_card_visa' });
  expect(created.status).toBe(201);
  const done = await api.waitForPayment(created.body.id);
  expect(done.status).toBe('succeeded');
  return done;
}

const eventFor = (deliveries: readonly Delivery[], paymentId: string, type: string) => deliveries.find((d) => d.event.type === type && d.event.data.object.id === paymentId);

describe('merchant webhooks', () => {
  it('delivers signed events that standardwebhooks verifies, lists them and every attempt, and redelivers on request', async () => {
    const merchant = await t.newMerchant('Webhooks Co');
    const api = apiClient(t.stack.apiUrl, merchant.secretKey);
    const site = await receiver();
    try {
      // given an endpoint subscribed to the payment events
      const created = await api.post('/v1/webhook_endpoints', { url: site.url, enabled_events: ['payment.*'], description: 'orders service' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ object: 'webhook_endpoint', url: site.url, enabled_events: ['payment.*'], status: 'enabled', livemode: false });
      const secret: string = created.body.secret;
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
      // the secret is shown once: neither a read nor a list answers it
      const read = await api.get(`/v1/webhook_endpoints/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body.secret).toBeUndefined();
      expect(JSON.stringify((await api.get('/v1/webhook_endpoints')).body)).not.toContain(secret);

      // when a payment succeeds
      const payment = await succeededPayment(api);

      // then its events arrive, each verified by the official package with the endpoint's secret
      const succeeded = await eventually(() => {
        const delivery = eventFor(site.deliveries, payment.id, 'payment.succeeded');
        if (!delivery) throw new Error(`no payment.succeeded yet; got ${site.deliveries.map((d) => d.event.type).join(', ')}`);
        return delivery;
      });
      const verified = new Webhook(secret).verify(succeeded.body, succeeded.headers) as any;
      expect(verified).toMatchObject({ object: 'event', type: 'payment.succeeded', livemode: false, api_version: expect.any(String) });
      expect(succeeded.headers['webhook-id']).toBe(verified.id);
      expect(verified.data.object).toMatchObject({ id: payment.id, object: 'payment', status: 'succeeded', amount_captured: 2_500 });
      expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(succeeded.body, succeeded.headers)).toThrow();
      const processing = await eventually(() => eventFor(site.deliveries, payment.id, 'payment.processing') ?? Promise.reject(new Error('no payment.processing yet')));
      expect(processing.event.data.object.status).toBe('processing');
      // card data stays what the API shows (brand, last4, country): no fingerprint, no number
      expect(verified.data.object.card).toMatchObject({ last4: expect.stringMatching(/^\d{4}$/) });
      for (const delivery of site.deliveries) {
        for (const key of Object.keys(delivery.event.data.object.card ?? {})) expect(['brand', 'last4', 'country']).toContain(key);
        expect(delivery.body).not.toMatch(/fingerprint|"number"|"cvc"/);
      }

      // and the Events API shows the same event, filtered by wildcard
      const event = await api.get(`/v1/events/${verified.id}`);
      expect(event.status).toBe(200);
      expect(event.body).toMatchObject({ id: verified.id, type: 'payment.succeeded', data: { object: { id: payment.id } } });
      const listed = await api.get('/v1/events?type=payment.*&limit=100');
      expect(listed.status).toBe(200);
      expect(listed.body.data.map((e: any) => e.id)).toEqual(expect.arrayContaining([verified.id, processing.event.id]));
      expect(listed.body.data.every((e: any) => e.type.startsWith('payment.'))).toBe(true);
      expect((await api.get('/v1/events?type=nonsense.*')).status).toBe(400);

      // and every attempt is recorded
      const attempts = await eventually(async () => {
        const answer = await api.get(`/v1/events/${verified.id}/delivery_attempts`);
        expect(answer.body.data).toEqual([expect.objectContaining({ webhook_endpoint: created.body.id, outcome: 'succeeded', status_code: 200, trigger: 'automatic' })]);
        return answer.body.data;
      });
      expect(attempts[0].response_body).toBe('{"received":true}');
      await eventually(async () => expect((await api.get(`/v1/events/${verified.id}`)).body.pending_webhooks).toBe(0));

      // when the merchant asks for it again, the same event (same id) is sent once more and recorded as a redelivery
      const redeliver = await api.post(`/v1/events/${verified.id}/redeliver`, { endpoint: created.body.id });
      expect(redeliver.status).toBe(200);
      await eventually(() => expect(site.deliveries.filter((d) => d.headers['webhook-id'] === verified.id)).toHaveLength(2));
      await eventually(async () => expect((await api.get(`/v1/events/${verified.id}/delivery_attempts`)).body.data.map((a: any) => a.trigger).sort()).toEqual(['automatic', 'redeliver']));

      // and another merchant sees none of it
      const other = apiClient(t.stack.apiUrl, (await t.newMerchant('Someone Else')).secretKey);
      expect((await other.get(`/v1/events/${verified.id}`)).status).toBe(404);
      expect((await other.get(`/v1/webhook_endpoints/${created.body.id}`)).status).toBe(404);
    } finally {
      await site.close();
    }
  });

  it('survives an endpoint that is down: the events arrive once it is back, none lost, same ids, every failure recorded', async () => {
    const merchant = await t.newMerchant('Outage Co');
    const api = apiClient(t.stack.apiUrl, merchant.secretKey);
    const site = await receiver();
    try {
      const created = await api.post('/v1/webhook_endpoints', { url: site.url, enabled_events: ['payment.succeeded'] });
      expect(created.status).toBe(201);
      // given the merchant's server is down
      site.mode.now = 'down';

      // when two payments succeed meanwhile
      const payments = [await succeededPayment(api), await succeededPayment(api)];
      const events = await eventually(async () => {
        const listed = (await api.get('/v1/events?type=payment.succeeded&limit=100')).body.data as any[];
        const ours = listed.filter((e) => payments.some((p) => p.id === e.data.object.id));
        expect(ours).toHaveLength(2);
        return ours;
      });
      // then failed attempts are recorded (status 500, the body kept) while it is down: the first try of each
      // and the retries (after 3 failures in a row the endpoint cools off, so not every retry calls it)
      await eventually(
        async () => {
          const attempts = (await Promise.all(events.map(async (e) => (await api.get(`/v1/events/${e.id}/delivery_attempts`)).body.data as any[]))).flat();
          expect(attempts.length).toBeGreaterThanOrEqual(3);
          expect(attempts.every((a: any) => a.outcome === 'failed' && a.status_code === 500 && a.error === 'http_status' && a.response_body === 'down for maintenance')).toBe(true);
        },
        { timeoutMs: 40_000 },
      );
      expect(site.deliveries).toHaveLength(0);

      // when it comes back
      site.mode.now = 'up';

      // then both events arrive, with the ids the Events API shows, each verified
      await eventually(() => expect(site.deliveries.map((d) => d.headers['webhook-id']).sort()).toEqual(events.map((e) => e.id).sort()), { timeoutMs: 100_000 });
      for (const delivery of site.deliveries) expect(() => new Webhook(created.body.secret).verify(delivery.body, delivery.headers)).not.toThrow();
      await eventually(async () => {
        const answer = await api.get(`/v1/events/${events[0].id}/delivery_attempts`);
        expect(answer.body.data[0]).toMatchObject({ outcome: 'succeeded', status_code: 200 });
      });
    } finally {
      await site.close();
    }
  }, 180_000);

  it('rotates the secret without a gap: during the overlap each delivery carries both signatures', async () => {
    const merchant = await t.newMerchant('Rotation Co');
    const api = apiClient(t.stack.apiUrl, merchant.secretKey);
    const site = await receiver();
    try {
      const created = await api.post('/v1/webhook_endpoints', { url: site.url, enabled_events: ['payment.succeeded'] });
      const oldSecret: string = created.body.secret;

      // when the merchant rotates the secret
      const rotated = await api.post(`/v1/webhook_endpoints/${created.body.id}/rotate_secret`, {});
      expect(rotated.status).toBe(200);
      const newSecret: string = rotated.body.secret;
      expect(newSecret).toMatch(/^whsec_/);
      expect(newSecret).not.toBe(oldSecret);
      expect(rotated.body.previous_secret_expires_at).toBeGreaterThan(Date.now() / 1000 + 23 * 3600);

      // then a delivery verifies with the old secret (servers not yet updated) and with the new one
      const payment = await succeededPayment(api);
      const delivery = await eventually(() => eventFor(site.deliveries, payment.id, 'payment.succeeded') ?? Promise.reject(new Error('not delivered yet')));
      expect(delivery.headers['webhook-signature'].split(' ')).toHaveLength(2);
      expect(() => new Webhook(oldSecret).verify(delivery.body, delivery.headers)).not.toThrow();
      expect(() => new Webhook(newSecret).verify(delivery.body, delivery.headers)).not.toThrow();
    } finally {
      await site.close();
    }
  });

  it('refuses endpoints that would reach private addresses, and live endpoints that are not public https', async () => {
    const live = await createMerchantWithKey('Live Webhooks Co', true);
    const liveApi = apiClient(t.stack.apiUrl, live.secretKey);
    for (const url of ['https://10.0.0.7/hooks', 'https://169.254.169.254/latest/meta-data', 'https://127.0.0.1/hooks', 'https://localhost/hooks', 'http://example.com/hooks', 'https://[::1]/hooks', 'https://metadata.google.internal/x']) {
      const answer = await liveApi.post('/v1/webhook_endpoints', { url, enabled_events: ['*'] });
      expect({ url, status: answer.status, type: answer.body?.error?.type }).toEqual({ url, status: 400, type: 'invalid_request_error' });
    }
    expect((await liveApi.get('/v1/webhook_endpoints')).body.data).toEqual([]);

    // test mode allows loopback for local development, but still no private network or metadata address
    const testApi = apiClient(t.stack.apiUrl, (await t.newMerchant('Test Webhooks Co')).secretKey);
    expect((await testApi.post('/v1/webhook_endpoints', { url: 'http://localhost:4242/webhook', enabled_events: ['*'] })).status).toBe(201);
    expect((await testApi.post('/v1/webhook_endpoints', { url: 'http://192.168.1.20/webhook', enabled_events: ['*'] })).status).toBe(400);
    expect((await testApi.post('/v1/webhook_endpoints', { url: 'http://169.254.169.254/', enabled_events: ['*'] })).status).toBe(400);
  });

  it('webhooks:listen registers a test endpoint, verifies and forwards each event to the local app', async () => {
    const merchant = await t.newMerchant('Listen Co');
    const app = await receiver();
    const printed: string[] = [];
    const listener = await startWebhookListener({ apiUrl: t.stack.apiUrl, secretKey: merchant.secretKey, forwardTo: app.url, print: (line) => printed.push(line) });
    try {
      const payment = await succeededPayment(apiClient(t.stack.apiUrl, merchant.secretKey));
      const forwarded = await eventually(() => eventFor(app.deliveries, payment.id, 'payment.succeeded') ?? Promise.reject(new Error('not forwarded yet')));
      expect(() => new Webhook(listener.secret).verify(forwarded.body, forwarded.headers)).not.toThrow();
      expect(printed).toEqual(expect.arrayContaining([`--> payment.succeeded [${forwarded.event.id}]`, `<-- [200] POST ${app.url}`]));
    } finally {
      await listener.stop();
      await app.close();
    }
    // stopping deletes the endpoint
    expect((await apiClient(t.stack.apiUrl, merchant.secretKey).get(`/v1/webhook_endpoints/${listener.endpointId}`)).status).toBe(404);
  });
});
