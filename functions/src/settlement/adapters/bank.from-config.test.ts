import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bankGatewayFrom } from './bank.from-config';
import { bankModesConfig } from './bank-modes.config';

// Two fake banks that only count requests: the wiring must route each mode to its own. The timeout is
// generous: on a busy machine a first attempt timing out would be retried and counted twice.
let test: Server;
let live: Server;
const hits = { test: 0, live: 0 };

const countingBank = (mode: 'test' | 'live') =>
  createServer((_req, res) => {
    hits[mode] += 1;
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"resource_missing"}}');
  });

beforeAll(async () => {
  [test, live] = [countingBank('test'), countingBank('live')];
  await Promise.all([test, live].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
});
afterAll(async () => {
  for (const s of [test, live]) s.closeAllConnections();
  await Promise.all([test, live].map((s) => new Promise((resolve) => s.close(resolve))));
});

const urlOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
const secret = `whsec_${Buffer.from('bank-from-config-secret-0123').toString('base64')}`;

describe('the bank built from its configuration', () => {
  it('given a test and a live bank, then test look-ups reach only the test bank and live ones only the live bank', async () => {
    const config = bankModesConfig({ BANK_TEST_URL: urlOf(test), BANK_TEST_API_KEY: 'sk_test_x', BANK_LIVE_URL: urlOf(live), BANK_LIVE_API_KEY: 'sk_live_x', BANK_WEBHOOK_SECRET: secret });
    const bank = bankGatewayFrom({ ...config, timeoutMs: 10_000 });
    expect(await bank.lookupAccount(false, 'ba_test_a')).toBeNull();
    expect(hits).toEqual({ test: 1, live: 0 });
    expect(await bank.lookupAccount(true, 'ba_live_a')).toBeNull();
    expect(hits).toEqual({ test: 1, live: 1 });
  });

  it('given no live bank, then a live transfer is refused without reaching the test bank', async () => {
    const config = bankModesConfig({ BANK_TEST_URL: urlOf(test), BANK_TEST_API_KEY: 'sk_test_x', BANK_WEBHOOK_SECRET: secret });
    const before = { ...hits };
    const answer = await bankGatewayFrom({ ...config, timeoutMs: 10_000 }).createTransfer({ livemode: true, idempotencyKey: 'po_1', payoutId: 'po_1', token: 'ba_live_a', amount: 1, currency: 'usd' });
    expect(answer).toMatchObject({ kind: 'rejected', code: 'livemode_unavailable' });
    expect(hits).toEqual(before);
  });
});
