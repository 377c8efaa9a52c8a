import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { resolveAccount } from './bank-account-tokens';
import { startSandboxBank, type SandboxBank } from './sandbox-bank.server';

const secret = `whsec_${Buffer.from('sandbox-bank-test-secret-0123456789').toString('base64')}`;
const otherSecret = `whsec_${Buffer.from('some-other-secret-0123456789abcdef').toString('base64')}`;
const TODAY = '2026-03-02';
const clock = () => Date.parse(`${TODAY}T12:00:00Z`);

interface Received {
  body: string;
  headers: Record<string, string>;
}

let receiver: Server;
let webhookUrl: string;
const received: Received[] = [];
/** How many more webhook posts the receiver refuses with 500 before it acknowledges. */
let refuseNext = 0;
const waiters: Array<() => void> = [];
let bank: SandboxBank;
let liveBank: SandboxBank;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (refuseNext > 0) {
        refuseNext -= 1;
        res.writeHead(500).end();
        return;
      }
      const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(req.headers[name])]));
      received.push({ body, headers });
      res.writeHead(204).end();
      waiters.splice(0).forEach((wake) => wake());
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/webhooks/bank`;
  bank = await startSandboxBank({ mode: 'test', webhookUrl, webhookSecret: secret, paidAfterMs: 20, returnAfterMs: 20, webhookRetryDelayMs: 20, now: clock });
  liveBank = await startSandboxBank({ mode: 'live', webhookUrl, webhookSecret: secret, paidAfterMs: 20, returnAfterMs: 20, now: clock });
});

afterAll(async () => {
  await bank.close();
  await liveBank.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const TEST_KEY = 'sk_test_bank_unit';
const LIVE_KEY = 'sk_live_bank_unit';

type Answer = { status: number; headers: Headers; json(): Promise<any>; text(): Promise<string> };

const call = (target: SandboxBank, method: string, path: string, init: { key?: string | null; idempotencyKey?: string; body?: object } = {}): Promise<Answer> =>
  fetch(`${target.url}${path}`, {
    method,
    headers: {
      ...(init.key === null ? {} : { authorization: `Bearer ${init.key ?? (target.mode === 'live' ? LIVE_KEY : TEST_KEY)}` }),
      ...(init.idempotencyKey !== undefined ? { 'idempotency-key': init.idempotencyKey } : {}),
      'content-type': 'application/json',
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });

const transfer = (destination: string, reference: string, amount = 1000) => ({ amount, currency: 'usd', destination, reference });

/** The webhook events received for a payout reference, in arrival order, once there are `count` of them. */
async function eventsFor(reference: string, count: number): Promise<Array<{ event: any; headers: Record<string, string>; body: string }>> {
  for (;;) {
    const hits = received.filter((r) => JSON.parse(r.body).data.reference === reference).map((r) => ({ event: JSON.parse(r.body), headers: r.headers, body: r.body }));
    if (hits.length >= count) return hits;
    await new Promise<void>((resolve) => waiters.push(resolve));
  }
}

describe('accounts by token', () => {
  it('given a test token, then the test bank answers its details; the same token is deterministic', async () => {
    const answer = await call(bank, 'GET', '/v1/accounts/ba_test_success');
    expect(answer.status).toBe(200);
    const account = await answer.json();
    expect(account).toEqual({ object: 'bank_account', token: 'ba_test_success', last4: expect.stringMatching(/^\d{4}$/), country: 'US', currency: 'usd', livemode: false });
    expect(account.last4).toBe(resolveAccount('ba_test_success', 'test')?.last4);
  });

  it('given a currency segment, then the account is in that currency and country', async () => {
    expect(await (await call(bank, 'GET', '/v1/accounts/ba_test_success_eur')).json()).toMatchObject({ currency: 'eur', country: 'DE' });
  });

  it('given an unknown token or a live token, then the test bank does not know it (404), and the live bank does not know test tokens', async () => {
    expect((await call(bank, 'GET', '/v1/accounts/acct_nope')).status).toBe(404);
    expect((await call(bank, 'GET', '/v1/accounts/ba_live_success')).status).toBe(404);
    expect((await call(liveBank, 'GET', '/v1/accounts/ba_test_success')).status).toBe(404);
    expect(await (await call(liveBank, 'GET', '/v1/accounts/ba_live_success')).json()).toMatchObject({ token: 'ba_live_success', livemode: true });
  });
});

describe('the API key carries the mode', () => {
  it('given a live key, then the test bank refuses it (403) before anything happens; without a key 401', async () => {
    const live = await call(bank, 'POST', '/v1/transfers', { key: LIVE_KEY, idempotencyKey: 'k-mode', body: transfer('ba_test_success', 'po_mode') });
    expect(live.status).toBe(403);
    expect((await live.json()).error.code).toBe('livemode_mismatch');
    expect((await call(bank, 'GET', '/v1/accounts/ba_test_success', { key: null })).status).toBe(401);
    expect((await call(liveBank, 'GET', '/v1/accounts/ba_live_success', { key: TEST_KEY })).status).toBe(403);
    // Nothing was made under the refused request's key.
    expect((await call(bank, 'POST', '/v1/transfers', { idempotencyKey: 'k-mode', body: transfer('ba_test_success', 'po_mode_other') })).status).toBe(200);
  });
});

describe('transfers', () => {
  it('given a success token, then the transfer is accepted pending and a signed transfer.paid webhook follows', async () => {
    const answer = await call(bank, 'POST', '/v1/transfers', { idempotencyKey: 'po_paid', body: transfer('ba_test_success', 'po_paid', 1234) });
    expect(answer.status).toBe(200);
    const accepted = await answer.json();
    expect(accepted).toMatchObject({ id: expect.stringMatching(/^tr_/), object: 'transfer', status: 'pending', amount: 1234, currency: 'usd', reference: 'po_paid', livemode: false });

    const [{ event, headers, body }] = await eventsFor('po_paid', 1);
    expect(event).toMatchObject({ type: 'transfer.paid', livemode: false, data: { transfer_id: accepted.id, reference: 'po_paid', amount: 1234, currency: 'usd', failure_code: null } });
    expect(headers['webhook-id']).toBe(event.id);
    expect(new Webhook(secret).verify(body, headers)).toEqual(event);
    expect(() => new Webhook(otherSecret).verify(body, headers)).toThrow();
    expect(await (await call(bank, 'GET', `/v1/transfers/${accepted.id}`)).json()).toMatchObject({ status: 'paid' });
  });

  it('given the same Idempotency-Key and body, then the same transfer; another body under it is refused with 409; no key is 400', async () => {
    const first = await (await call(bank, 'POST', '/v1/transfers', { idempotencyKey: 'po_idem', body: transfer('ba_test_success', 'po_idem') })).json();
    const again = await call(bank, 'POST', '/v1/transfers', { idempotencyKey: 'po_idem', body: transfer('ba_test_success', 'po_idem') });
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(first.id);
    const other = await call(bank, 'POST', '/v1/transfers', { idempotencyKey: 'po_idem', body: transfer('ba_test_success', 'po_idem', 999) });
    expect(other.status).toBe(409);
    expect((await other.json()).error.code).toBe('idempotency_mismatch');
    expect((await call(bank, 'POST', '/v1/transfers', { body: transfer('ba_test_success', 'po_nokey') })).status).toBe(400);
    // One transfer, so one paid webhook.
    await eventsFor('po_idem', 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received.filter((r) => JSON.parse(r.body).data.reference === 'po_idem')).toHaveLength(1);
  });

  it('given bad input or an unknown account, then 400 and nothing is remembered: a corrected retry under the key goes through', async () => {
    const bad = await call(bank, 'POST', '/v1/transfers', { idempotencyKey: 'po_fix', body: { ...transfer('ba_test_success', 'po_fix'), amount: -5 } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_request');
    const unknown = await call(bank, 'POST', '/v1/transfers', { idempotencyKey: 'po_fix', body: transfer('ba_live_success', 'po_fix') });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.code).toBe('account_not_found');
    expect((await call(bank, 'POST', '/v1/transfers', { idempotencyKey: 'po_fix', body: transfer('ba_test_success', 'po_fix') })).status).toBe(200);
  });

  it('given a frozen account, then the transfer is refused at once with its code, and a replay gives the same refusal', async () => {
    const refused = await call(bank, 'POST', '/v1/transfers', { idempotencyKey: 'po_frozen', body: transfer('ba_test_reject_account_frozen', 'po_frozen') });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.code).toBe('account_frozen');
    const replay = await call(bank, 'POST', '/v1/transfers', { idempotencyKey: 'po_frozen', body: transfer('ba_test_reject_account_frozen', 'po_frozen') });
    expect((await replay.json()).error.code).toBe('account_frozen');
  });

  it('given fail tokens, then the transfer is accepted and later fails with the token code', async () => {
    await call(bank, 'POST', '/v1/transfers', { idempotencyKey: 'po_insufficient', body: transfer('ba_test_fail_insufficient', 'po_insufficient') });
    await call(bank, 'POST', '/v1/transfers', { idempotencyKey: 'po_closed', body: transfer('ba_test_fail_account_closed', 'po_closed') });
    expect((await eventsFor('po_insufficient', 1))[0].event).toMatchObject({ type: 'transfer.failed', data: { failure_code: 'insufficient_funds' } });
    expect((await eventsFor('po_closed', 1))[0].event).toMatchObject({ type: 'transfer.failed', data: { failure_code: 'account_closed' } });
  });

  it('given a return token, then paid arrives first and returned (account_closed) after it', async () => {
    await call(bank, 'POST', '/v1/transfers', { idempotencyKey: 'po_return', body: transfer('ba_test_return_after_paid', 'po_return', 700) });
    const [paid, returned] = await eventsFor('po_return', 2);
    expect(paid.event).toMatchObject({ type: 'transfer.paid', data: { failure_code: null } });
    expect(returned.event).toMatchObject({ type: 'transfer.returned', data: { transfer_id: paid.event.data.transfer_id, amount: 700, failure_code: 'account_closed' } });
    expect(returned.event.id).not.toBe(paid.event.id);
  });

  it('given a lost answer (fault after processing), then a retry under the same key finds the transfer already made', async () => {
    await fetch(`${bank.url}/__admin/faults`, { method: 'POST', body: JSON.stringify({ status: 503, code: 'bank_unavailable', after_processing: true }) });
    const lost = await call(bank, 'POST', '/v1/transfers', { idempotencyKey: 'po_lost', body: transfer('ba_test_success', 'po_lost') });
    expect(lost.status).toBe(503);
    const retry = await call(bank, 'POST', '/v1/transfers', { idempotencyKey: 'po_lost', body: transfer('ba_test_success', 'po_lost') });
    expect(retry.status).toBe(200);
    await eventsFor('po_lost', 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received.filter((r) => JSON.parse(r.body).data.reference === 'po_lost')).toHaveLength(1);
  });
});

describe('webhook delivery', () => {
  it('given a receiver that answers 500, then the bank redelivers the same event until it gets a 2xx', async () => {
    refuseNext = 2;
    await call(bank, 'POST', '/v1/transfers', { idempotencyKey: 'po_retry', body: transfer('ba_test_success', 'po_retry') });
    const [{ event }] = await eventsFor('po_retry', 1);
    // The receiver has the event; the bank records the acknowledgement once the answer is back.
    const delivery = () => bank.deliveries().find((d) => d.eventId === event.id);
    while (!delivery()?.delivered) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(delivery()).toMatchObject({ attempts: 3, delivered: true, lastStatus: 204 });
  });
});

describe('incoming credits and statements', () => {
  it('given incoming credits and payouts, then the day statement lists them as CSV sorted by reference, with signed amounts', async () => {
    const incoming = await call(bank, 'POST', '/v1/incoming', { key: null, body: { amount: 5000, currency: 'usd', reference: 'ps_2026-03-01_usd', livemode: false } });
    expect(incoming.status).toBe(200);
    expect(await incoming.json()).toMatchObject({ object: 'incoming_credit', amount: 5000, value_date: TODAY, livemode: false });
    await call(bank, 'POST', '/v1/incoming', { key: null, body: { amount: 10, currency: 'eur', reference: 'ps_2026-02-27_eur', livemode: false, value_date: '2026-02-28' } });
    await eventsFor('po_return', 2);

    const answer = await call(bank, 'GET', `/v1/statements?date=${TODAY}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/csv');
    const [header, ...rows] = (await answer.text()).trim().split('\n');
    expect(header).toBe('line_id,type,amount,currency,reference,value_date');
    const lines = rows.map((row) => row.split(','));
    expect(lines.map((l) => l[4])).toEqual([...lines.map((l) => l[4])].sort());
    expect(lines.every((l) => l[5] === TODAY)).toBe(true);
    expect(lines.find((l) => l[4] === 'ps_2026-03-01_usd')?.slice(1, 4)).toEqual(['incoming', '5000', 'usd']);
    expect(lines.filter((l) => l[4] === 'po_return').map((l) => [l[1], l[2]])).toEqual([['payout', '-700'], ['return', '700']]);
    // A failed transfer never left the account; the other day's credit is on its own day.
    expect(lines.some((l) => l[4] === 'po_insufficient')).toBe(false);
    expect(lines.some((l) => l[4] === 'ps_2026-02-27_eur')).toBe(false);
    const other = (await (await call(bank, 'GET', '/v1/statements?date=2026-02-28')).text()).trim().split('\n');
    expect(other.slice(1).map((row) => row.split(',').slice(1, 5))).toEqual([['incoming', '10', 'eur', 'ps_2026-02-27_eur']]);
  });

  it('given a credit declaring the other mode or a bad date, then 400 and nothing is written', async () => {
    const wrongMode = await call(liveBank, 'POST', '/v1/incoming', { key: null, body: { amount: 5, currency: 'usd', reference: 'ps_x', livemode: false } });
    expect(wrongMode.status).toBe(400);
    expect((await wrongMode.json()).error.code).toBe('livemode_mismatch');
    expect((await call(liveBank, 'POST', '/v1/incoming', { key: TEST_KEY, body: { amount: 5, currency: 'usd', reference: 'ps_x', livemode: true } })).status).toBe(403);
    expect((await (await call(liveBank, 'GET', `/v1/statements?date=${TODAY}`)).text()).trim()).toBe('line_id,type,amount,currency,reference,value_date');
    expect((await call(bank, 'GET', '/v1/statements?date=yesterday')).status).toBe(400);
  });
});
