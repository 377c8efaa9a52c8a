import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { ProcessorTestClient } from './processor-test-client';
import { startSandboxProcessor, type SandboxProcessor } from './sandbox-processor.server';
import { until } from '../sandbox-disputes/until.test-helper';

// The sandbox processor's chargebacks: a dispute token's capture opens a dispute shortly after, every change
// is notified signed (Standard Webhooks) in the processor's shape, and the evidence decides the outcome.
const SECRET = 'whsec_' + Buffer.from('processor-dispute-test-secret').toString('base64');
let processor: SandboxProcessor;
let receiver: Server;
let client: ProcessorTestClient;
const received: Array<{ type: string; livemode: boolean; data: { dispute: Record<string, unknown> } }> = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // only what verifies with the secret counts
      received.push(new Webhook(SECRET).verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>) as (typeof received)[number]);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  processor = await startSandboxProcessor({ notificationUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/n`, notificationSecret: SECRET, disputeDelayMs: 30, disputeOutcomeDelayMs: 30 });
  client = new ProcessorTestClient(processor.url);
});

afterAll(async () => {
  await processor.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const notesFor = (reference: string) => received.filter((n) => n.data.dispute.reference === reference);

async function captured(token: string, reference: string, captureKey = `cap_${reference}`): Promise<string> {
  const auth = await client.post('/v1/authorizations', { token, amount: 1500, currency: 'usd', reference });
  expect(await client.post(`/v1/authorizations/${auth.body.id}/capture`, { amount: 1500 }, { key: captureKey })).toMatchObject({ status: 200 });
  return auth.body.id;
}

describe('sandbox processor disputes', () => {
  it.each([
    ['pm_card_dispute_fraudulent', 'fraudulent', 'needs_response'],
    ['pm_card_dispute_product_not_received', 'product_not_received', 'needs_response'],
    ['pm_card_dispute_inquiry', 'fraudulent', 'warning_needs_response'],
  ])('given a capture with %s, then a %s dispute opens (%s), notified and signed', async (token, reason, status) => {
    const reference = `pay_${token.slice(8, 20)}`;
    const authorization = await captured(token, reference);
    const [opened] = await until(() => (notesFor(reference).length > 0 ? notesFor(reference) : undefined));
    expect(opened).toMatchObject({ type: 'dispute.opened', livemode: false, data: { dispute: { authorization, reference, amount: 1500, currency: 'usd', reason, status } } });
  });

  it('given an everyday card, then no dispute opens', async () => {
    await captured('pm_card_visa', 'pay_everyday');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(notesFor('pay_everyday')).toEqual([]);
  });

  it('given a capture replayed under its key, then one dispute opens', async () => {
    const auth = await client.post('/v1/authorizations', { token: 'pm_card_dispute_fraudulent', amount: 900, currency: 'usd', reference: 'pay_replayed' });
    await client.post(`/v1/authorizations/${auth.body.id}/capture`, { amount: 900 }, { key: 'same-key' });
    await client.post(`/v1/authorizations/${auth.body.id}/capture`, { amount: 900 }, { key: 'same-key' });
    await until(() => (notesFor('pay_replayed').length > 0 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(notesFor('pay_replayed')).toHaveLength(1);
  });

  it('given evidence with winning_evidence, then it is under review and then won; a second answer is a 409', async () => {
    await captured('pm_card_dispute_fraudulent', 'pay_winner');
    const id = String((await until(() => notesFor('pay_winner')[0])).data.dispute.id);
    const answer = await client.post(`/v1/disputes/${id}/evidence`, { evidence: { uncategorized_text: 'winning_evidence' } });
    expect(answer).toMatchObject({ status: 200, body: { id, status: 'under_review' } });
    expect((await client.post(`/v1/disputes/${id}/accept`, {})).status).toBe(409);
    await until(() => notesFor('pay_winner').find((n) => n.type === 'dispute.closed'));
    expect(notesFor('pay_winner').map((n) => `${n.type}:${n.data.dispute.status}`)).toEqual(['dispute.opened:needs_response', 'dispute.updated:under_review', 'dispute.closed:won']);
  });

  it('given other evidence, then lost; given acceptance, then lost at once; bad evidence and unknown disputes are refused', async () => {
    await captured('pm_card_dispute_fraudulent', 'pay_loser');
    const loser = String((await until(() => notesFor('pay_loser')[0])).data.dispute.id);
    expect((await client.post(`/v1/disputes/${loser}/evidence`, { evidence: {} })).status).toBe(400);
    await client.post(`/v1/disputes/${loser}/evidence`, { evidence: { product_description: 'a lamp' } });
    expect((await until(() => notesFor('pay_loser').find((n) => n.type === 'dispute.closed'))).data.dispute.status).toBe('lost');

    await captured('pm_card_dispute_product_not_received', 'pay_accepts');
    const accepted = String((await until(() => notesFor('pay_accepts')[0])).data.dispute.id);
    expect(await client.post(`/v1/disputes/${accepted}/accept`, {})).toMatchObject({ status: 200, body: { status: 'lost' } });
    expect((await client.get(`/v1/disputes/${accepted}`)).body).toMatchObject({ status: 'lost', reference: 'pay_accepts' });
    expect((await client.post('/v1/disputes/dp_missing/accept', {})).status).toBe(404);
  });

  it('given an inquiry answered, then it closes as warning_closed', async () => {
    await captured('pm_card_dispute_inquiry', 'pay_inquiry');
    const id = String((await until(() => notesFor('pay_inquiry')[0])).data.dispute.id);
    expect((await client.post(`/v1/disputes/${id}/evidence`, { evidence: { product_description: 'a lamp' } })).body.status).toBe('warning_under_review');
    expect((await until(() => notesFor('pay_inquiry').find((n) => n.type === 'dispute.closed'))).data.dispute.status).toBe('warning_closed');
  });

  it('given evidence already under review, when evidence comes again under a new key, then 409 dispute_not_open; the same key replays the first answer', async () => {
    await captured('pm_card_dispute_product_not_received', 'pay_twice');
    const id = String((await until(() => notesFor('pay_twice')[0])).data.dispute.id);
    const first = await client.post(`/v1/disputes/${id}/evidence`, { evidence: { shipping_documentation: 'tracked parcel' } }, { key: 'evidence-once' });
    expect(first).toMatchObject({ status: 200, body: { status: 'under_review', reason: 'product_not_received' } });
    expect(await client.post(`/v1/disputes/${id}/evidence`, { evidence: { shipping_documentation: 'tracked parcel' } }, { key: 'evidence-once' })).toEqual(first);
    expect(await client.post(`/v1/disputes/${id}/evidence`, { evidence: { shipping_documentation: 'again' } })).toMatchObject({ status: 409, body: { error: { code: 'dispute_not_open' } } });
  });

  it('given malformed evidence or requests, then they are refused and the dispute stays open', async () => {
    await captured('pm_card_dispute_fraudulent', 'pay_malformed');
    const id = String((await until(() => notesFor('pay_malformed')[0])).data.dispute.id);
    const tooMany = Object.fromEntries(Array.from({ length: 31 }, (_, i) => ['f'.repeat(i + 1), 'text']));
    for (const evidence of [{ 'Bad-Key': 'x' }, { notes: 'x'.repeat(20_001) }, tooMany]) {
      expect(await client.post(`/v1/disputes/${id}/evidence`, { evidence })).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
    }
    expect((await client.post(`/v1/disputes/${id}/evidence`, { evidence: { notes: 'x' } }, { key: null })).body).toMatchObject({ error: { code: 'missing_idempotency_key' } });
    expect(await client.get('/v1/disputes/dp_unknown')).toMatchObject({ status: 404, body: { error: { code: 'resource_not_found' } } });
    expect(await client.get(`/v1/disputes/${id}`)).toMatchObject({ status: 200, body: { id, status: 'needs_response', capture: expect.stringMatching(/\S/), evidence_due_by_ms: expect.any(Number) } });
  });

  it('lists every notification sent, without its body, for the admin', async () => {
    const { body } = await client.request('GET', '/__admin/notifications');
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data[0]).toMatchObject({ eventId: expect.stringMatching(/^evt_[0-9a-f]{16}$/), type: 'dispute.opened', delivered: true, attempts: 1 });
    expect(body.data[0]).not.toHaveProperty('body');
  });

  it('given a live-mode instance, then its dispute notifications and views say livemode true', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/live`;
    const live = await startSandboxProcessor({ mode: 'live', notificationUrl: () => url, notificationSecret: SECRET, disputeDelayMs: 30, disputeOutcomeDelayMs: 30 });
    try {
      const liveClient = new ProcessorTestClient(live.url, 'sk_live_sandbox');
      const auth = await liveClient.post('/v1/authorizations', { token: 'pm_card_dispute_fraudulent', amount: 700, currency: 'usd', reference: 'pay_live' });
      await liveClient.post(`/v1/authorizations/${auth.body.id}/capture`, { amount: 700 });
      const opened = await until(() => notesFor('pay_live')[0]);
      expect(opened).toMatchObject({ livemode: true, data: { dispute: { livemode: true, authorization: auth.body.id } } });
      expect((await liveClient.get(`/v1/disputes/${String(opened.data.dispute.id)}`)).body).toMatchObject({ livemode: true });
      expect(received.filter((n) => n.data.dispute.reference !== 'pay_live').every((n) => n.livemode === false)).toBe(true);
    } finally {
      await live.close();
    }
  });
});
