import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { startSandboxAcquirer, type SandboxAcquirer } from './sandbox-acquirer.server';
import { until } from '../sandbox-disputes/until.test-helper';

const SECRET = 'whsec_' + Buffer.from('acquirer-notification-test-secret').toString('base64');
const KEY = 'ak_test_local';
let acquirer: SandboxAcquirer;
let receiver: Server;
const received: Array<{ headers: Record<string, string>; body: string }> = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end('[accepted]');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const notificationUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notifications`;
  acquirer = await startSandboxAcquirer({ notificationUrl, notificationSecret: SECRET, confirmDelayMs: 20, hangMs: 300 });
});

afterAll(async () => {
  await acquirer.close();
  await new Promise((resolve) => receiver.close(resolve));
});

let keys = 0;
async function call(method: string, path: string, body?: object, headers: Record<string, string> = {}) {
  const res = await fetch(`${acquirer.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': KEY, ...(method === 'POST' ? { 'idempotency-key': `k${++keys}` } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as any, replayed: res.headers.get('idempotent-replayed') === 'true' };
}
const authorise = (reference: string, value = '12.34', currency = 'EUR', token = 'pm_card_visa', headers: Record<string, string> = {}) =>
  call('POST', '/api/v2/payments', { merchantReference: reference, amount: { value, currency }, paymentMethod: { type: 'token', token } }, headers);

describe('sandbox European acquirer', () => {
  it('authorises in its own vocabulary: major-unit strings, upper-case currency, result codes', async () => {
    const answer = await authorise('pay_1', '12.34', 'EUR');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ pspReference: expect.stringMatching(/^EA[0-9A-F]{14}$/), merchantReference: 'pay_1', resultCode: 'Authorised', refusalReasonCode: null, amount: { value: '12.34', currency: 'EUR' }, cardSummary: { brand: 'VISA', issuerCountry: 'US' }, live: false });
    expect(acquirer.ledger.get(answer.body.pspReference)).toMatchObject({ amount: 1234, currency: 'eur' });
    // zero- and three-decimal currencies take exactly their digits
    expect((await authorise('pay_jpy', '1200', 'JPY')).body.resultCode).toBe('Authorised');
    expect((await authorise('pay_kwd', '1.234', 'KWD')).body.resultCode).toBe('Authorised');
    for (const [value, currency] of [['12.3', 'EUR'], ['12', 'EUR'], ['1200.00', 'JPY'], ['1.23', 'KWD'], ['-1.00', 'EUR'], ['0.00', 'EUR'], ['1e3', 'EUR'], ['10.00', 'eur'], ['10.00', 'XXX']]) {
      expect((await authorise('pay_bad', value, currency)).body).toMatchObject({ status: 422, errorCode: '14_001' });
    }
  });

  it('refuses with its response codes and its error shape', async () => {
    expect((await authorise('pay_2', '5.00', 'EUR', 'pm_card_declined')).body).toMatchObject({ resultCode: 'Refused', refusalReasonCode: '05', refusalReason: 'Do Not Honour' });
    expect((await authorise('pay_3', '5.00', 'EUR', 'pm_card_insufficient_funds')).body).toMatchObject({ resultCode: 'Refused', refusalReasonCode: '51' });
    expect((await authorise('pay_4', '5.00', 'EUR', 'pm_nonsense')).body).toEqual({ status: 422, errorCode: '14_002', errorType: 'validation', message: 'Unknown card token' });
    expect((await authorise('pay_5', '5.00', 'EUR', 'pm_card_visa', { 'x-api-key': 'ak_live_x' })).body).toMatchObject({ status: 403, errorCode: '000_003', errorType: 'security' });
    expect((await authorise('pay_5', '5.00', 'EUR', 'pm_card_visa', { 'x-api-key': '' })).status).toBe(401);
  });

  it('replays an answer under the same key and refuses the key for another request', async () => {
    const body = { merchantReference: 'pay_6', amount: { value: '7.00', currency: 'EUR' }, paymentMethod: { type: 'token', token: 'pm_card_visa' } };
    const first = await call('POST', '/api/v2/payments', body, { 'idempotency-key': 'same' });
    const again = await call('POST', '/api/v2/payments', body, { 'idempotency-key': 'same' });
    expect(again).toMatchObject({ replayed: true, body: { pspReference: first.body.pspReference } });
    expect((await call('POST', '/api/v2/payments', { ...body, merchantReference: 'pay_7' }, { 'idempotency-key': 'same' })).body).toMatchObject({ status: 409, errorCode: '22_001' });
    expect(acquirer.ledger.byMerchantReference('pay_6')).toHaveLength(1);
  });

  it('accepts a capture and a refund at once and confirms each later by a signed notification', async () => {
    const psp = (await authorise('pay_8', '20.00')).body.pspReference;
    const capture = await call('POST', `/api/v2/payments/${psp}/captures`, { merchantReference: 'pay_8', amount: { value: '20.00', currency: 'EUR' } });
    expect(capture).toMatchObject({ status: 202, body: { status: 'received', paymentPspReference: psp, amount: { value: '20.00', currency: 'EUR' } } });
    const note = await until(() => received.find((r) => r.body.includes(capture.body.pspReference)));
    // signed as Standard Webhooks: the platform verifies with the same library
    const verified = new Webhook(SECRET).verify(note.body, note.headers) as any;
    expect(verified).toMatchObject({ type: 'CAPTURE', live: 'false', notificationItems: [{ eventCode: 'CAPTURE', success: 'true', pspReference: capture.body.pspReference, originalReference: psp, merchantReference: 'pay_8', amount: { value: '20.00', currency: 'EUR' } }] });
    expect((await call('GET', `/api/v2/payments/${psp}`)).body).toMatchObject({ status: 'Captured', capture: { status: 'confirmed' } });

    const refund = await call('POST', `/api/v2/payments/${psp}/refunds`, { merchantReference: 're_1', amount: { value: '5.00', currency: 'EUR' } });
    expect(refund.status).toBe(202);
    expect((await call('POST', `/api/v2/payments/${psp}/refunds`, { merchantReference: 're_2', amount: { value: '15.01', currency: 'EUR' } })).body).toMatchObject({ status: 422, errorCode: '30_410' });
    await until(() => received.find((r) => r.body.includes(refund.body.pspReference)));
    // looked up by our reference: the payment's, or a refund's
    const byRefund = await call('GET', '/api/v2/payments?merchantReference=re_1');
    expect(byRefund.body.data).toEqual([expect.objectContaining({ pspReference: psp, status: 'PartiallyRefunded', refunds: [expect.objectContaining({ merchantReference: 're_1', status: 'confirmed' })] })]);
  });

  it('refuses modifications that the payment state does not allow', async () => {
    const refused = (await authorise('pay_9', '5.00', 'EUR', 'pm_card_declined')).body.pspReference;
    expect((await call('POST', `/api/v2/payments/${refused}/captures`, { merchantReference: 'pay_9', amount: { value: '5.00', currency: 'EUR' } })).body).toMatchObject({ status: 409, errorCode: '30_409' });
    const psp = (await authorise('pay_10', '5.00')).body.pspReference;
    expect((await call('POST', `/api/v2/payments/${psp}/captures`, { merchantReference: 'pay_10', amount: { value: '5.01', currency: 'EUR' } })).body.errorCode).toBe('30_410');
    expect((await call('POST', `/api/v2/payments/${psp}/cancels`, { merchantReference: 'pay_10' })).status).toBe(202);
    expect((await call('POST', `/api/v2/payments/${psp}/captures`, { merchantReference: 'pay_10', amount: { value: '5.00', currency: 'EUR' } })).body.errorCode).toBe('30_409');
    expect((await call('POST', '/api/v2/payments/EA0000/refunds', { merchantReference: 'x', amount: { value: '1.00', currency: 'EUR' } })).body.errorCode).toBe('30_404');
  });

  it('goes down and comes back: connections are reset during an outage', async () => {
    await fetch(`${acquirer.url}/__admin/outage`, { method: 'POST', body: JSON.stringify({ down: true }) });
    await expect(authorise('pay_11')).rejects.toThrow();
    await fetch(`${acquirer.url}/__admin/outage`, { method: 'POST', body: JSON.stringify({ down: false }) });
    expect((await authorise('pay_11')).body.resultCode).toBe('Authorised');
  });

  it('is down when stopped: connections are refused until it listens again', async () => {
    await acquirer.setDown(true);
    try {
      // a new connection, as a client whose pooled ones were dropped opens
      const refused = await new Promise<string | undefined>((resolve) => {
        get(`${acquirer.url}/api/v2/payments?merchantReference=x`, { agent: false }, () => resolve('answered')).on('error', (error: NodeJS.ErrnoException) => resolve(error.code));
      });
      expect(refused).toBe('ECONNREFUSED');
    } finally {
      await acquirer.setDown(false);
    }
    expect((await authorise('pay_13')).body.resultCode).toBe('Authorised');
  });

  it('describes a card token (the platform vault\'s card, as the sandbox processor does)', async () => {
    expect((await call('GET', '/api/v2/paymentMethods/pm_card_mastercard_fr')).body).toMatchObject({ token: 'pm_card_mastercard_fr', cardSummary: { brand: 'MC', issuerCountry: 'FR' }, riskHint: 'generic', live: false });
    expect((await call('GET', '/api/v2/paymentMethods/pm_nothing')).status).toBe(404);
  });

  it('fails pm_card_processor_error with 500 for a few attempts, then approves under the same key', async () => {
    const headers = { 'idempotency-key': 'flaky' };
    const body = { merchantReference: 'pay_12', amount: { value: '1.00', currency: 'EUR' }, paymentMethod: { type: 'token', token: 'pm_card_processor_error' } };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call('POST', '/api/v2/payments', body, headers)).status);
    expect(statuses).toEqual([500, 500, 500, 200]);
  });
});
