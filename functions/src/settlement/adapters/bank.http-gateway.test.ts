import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandboxBank, type SandboxBank } from '../../../../infra/sandbox-bank/sandbox-bank.server';
import { BankUnavailableError } from '../application/bank.gateway';
import { BankModeMismatchError, HttpBankGateway } from './bank.http-gateway';

const TEST_KEY = 'sk_test_bank_gateway';
const LIVE_KEY = 'sk_live_bank_gateway';
const secret = `whsec_${Buffer.from('bank-gateway-test-secret-012345').toString('base64')}`;

let receiver: Server;
let bank: SandboxBank;
let liveBank: SandboxBank;
const opened: HttpBankGateway[] = [];
const servers: Server[] = [];

const client = (options: Partial<ConstructorParameters<typeof HttpBankGateway>[0]> = {}) => {
  const made = new HttpBankGateway({ mode: 'test', baseUrl: bank.url, apiKey: TEST_KEY, timeoutMs: 1000, maxAttempts: 1, ...options });
  opened.push(made);
  return made;
};
const transfer = (payoutId: string, token = 'ba_test_success', amount = 2500, livemode = false) => ({ livemode, idempotencyKey: payoutId, payoutId, token, amount, currency: 'usd' });
const fault = (body: object) => fetch(`${bank.url}/__admin/faults`, { method: 'POST', body: JSON.stringify(body) });
const transfersMade = (target: SandboxBank) => target.deliveries().length;

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  receiver = createServer((_req, res) => res.writeHead(204).end());
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/webhooks/bank`;
  [bank, liveBank] = await Promise.all([
    startSandboxBank({ mode: 'test', webhookUrl, webhookSecret: secret, paidAfterMs: 10 }),
    startSandboxBank({ mode: 'live', webhookUrl, webhookSecret: secret, paidAfterMs: 10 }),
  ]);
});

afterAll(async () => {
  await Promise.all(opened.map((g) => g.close()));
  for (const server of servers) server.closeAllConnections();
  await Promise.all([bank.close(), liveBank.close(), ...[receiver, ...servers].map((s) => new Promise((resolve) => s.close(resolve)))]);
});

describe('one bank client per mode', () => {
  it('given a test-mode client, when a live request reaches it, then it throws before any request', async () => {
    const gateway = client();
    await expect(gateway.createTransfer(transfer('po_live_1', 'ba_live_success', 100, true))).rejects.toThrow(BankModeMismatchError);
    await expect(gateway.lookupAccount(true, 'ba_live_success')).rejects.toThrow(BankModeMismatchError);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(transfersMade(bank)).toBe(0);
  });

  it('given a key of the other mode, then the client refuses to be built', () => {
    expect(() => new HttpBankGateway({ mode: 'test', baseUrl: bank.url, apiKey: LIVE_KEY })).toThrow(/sk_test_/);
    expect(() => new HttpBankGateway({ mode: 'live', baseUrl: liveBank.url, apiKey: TEST_KEY })).toThrow(/sk_live_/);
  });

  it('given a test client pointed at the live bank, then the bank refuses its key: outcome unknown (retry), never a rejection, nothing moves', async () => {
    const misrouted = client({ baseUrl: liveBank.url });
    await expect(misrouted.createTransfer(transfer('po_misrouted'))).rejects.toThrow(BankUnavailableError);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(transfersMade(liveBank)).toBe(0);
  });

  it('given a bank whose answer declares live mode, then a test client refuses the answer', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'tr_1', reference: 'po_liar', amount: 2500, currency: 'usd', livemode: true }));
    });
    await expect(client({ baseUrl: url }).createTransfer(transfer('po_liar'))).rejects.toThrow(/answer declaring live mode/);
  });

  it('given the live bank and a live client, then a live transfer is made there', async () => {
    const live = client({ mode: 'live', baseUrl: liveBank.url, apiKey: LIVE_KEY });
    expect(await live.createTransfer(transfer('po_live_ok', 'ba_live_success', 100, true))).toEqual({ kind: 'accepted', transferId: expect.stringMatching(/^tr_/) });
  });
});

describe('accounts', () => {
  it('given a known token, then its details; an unknown token, then null', async () => {
    const gateway = client();
    expect(await gateway.lookupAccount(false, 'ba_test_success_gbp')).toEqual({ token: 'ba_test_success_gbp', last4: expect.stringMatching(/^\d{4}$/), country: 'GB', currency: 'gbp' });
    expect(await gateway.lookupAccount(false, 'ba_live_success')).toBeNull();
    expect(await gateway.lookupAccount(false, 'not a token/../x')).toBeNull();
  });

  it('given a wrong base URL (404 without the bank error code), then unknown, not "no such account"', async () => {
    const url = await serve((_req, res) => res.writeHead(404).end('not here'));
    await expect(client({ baseUrl: url }).lookupAccount(false, 'ba_test_success')).rejects.toThrow(BankUnavailableError);
  });
});

describe('transfers', () => {
  it('given the same idempotency key twice, then the same transfer; the bank made one', async () => {
    const gateway = client();
    const first = await gateway.createTransfer(transfer('po_twice'));
    expect(first).toEqual({ kind: 'accepted', transferId: expect.stringMatching(/^tr_/) });
    expect(await gateway.createTransfer(transfer('po_twice'))).toEqual(first);
  });

  it('given a refused account or an unknown one, then a definitive rejection with the bank code', async () => {
    const gateway = client();
    expect(await gateway.createTransfer(transfer('po_frozen', 'ba_test_reject_account_frozen'))).toEqual({ kind: 'rejected', code: 'account_frozen', message: expect.stringContaining('frozen') });
    expect(await gateway.createTransfer(transfer('po_unknown', 'ba_nope'))).toMatchObject({ kind: 'rejected', code: 'account_not_found' });
  });

  it('given the key reused with another body (409), then unknown, never a rejection', async () => {
    const gateway = client();
    await gateway.createTransfer(transfer('po_reuse'));
    await expect(gateway.createTransfer(transfer('po_reuse', 'ba_test_success', 1))).rejects.toThrow(BankUnavailableError);
  });

  it('given a 503 whose transfer went through, then the client retries under the same key and gets the transfer made first', async () => {
    const gateway = client({ maxAttempts: 3, timeoutMs: 10_000 });
    await fault({ status: 503, code: 'bank_unavailable', after_processing: true });
    const result = await gateway.createTransfer(transfer('po_lost_answer'));
    expect(result.kind).toBe('accepted');
    // Counted by this payout's own outcome webhooks: an earlier test's transfer paid late must not count.
    const outcomesOf = (reference: string) => bank.deliveries().filter((d) => d.body.includes(`"reference":"${reference}"`)).length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(outcomesOf('po_lost_answer')).toBe(1);
  });

  it('given the bank failing every attempt, then BankUnavailableError', async () => {
    await fault({ status: 503, code: 'bank_unavailable', times: 2 });
    await expect(client({ maxAttempts: 2 }).createTransfer(transfer('po_down'))).rejects.toThrow(BankUnavailableError);
  });

  it('given a bank that hangs, then each attempt times out and the outcome is unknown', async () => {
    const url = await serve(() => undefined);
    const started = Date.now();
    await expect(client({ baseUrl: url, timeoutMs: 100, maxAttempts: 2 }).createTransfer(transfer('po_hang'))).rejects.toThrow(BankUnavailableError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('given repeated failures, then the breaker opens and later calls fail fast without reaching the bank', async () => {
    let hits = 0;
    const url = await serve((_req, res) => {
      hits += 1;
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"code":"down"}}');
    });
    const gateway = client({ baseUrl: url, breakerThreshold: 2, breakerHalfOpenAfterMs: 60_000 });
    await expect(gateway.createTransfer(transfer('po_b1'))).rejects.toThrow(BankUnavailableError);
    await expect(gateway.createTransfer(transfer('po_b2'))).rejects.toThrow(BankUnavailableError);
    await expect(gateway.createTransfer(transfer('po_b3'))).rejects.toThrow(/circuit open/);
    expect(hits).toBe(2);
  });
});
