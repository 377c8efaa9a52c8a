import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { startSandboxAcquirer, type SandboxAcquirer } from './sandbox-acquirer.server';
import { until } from '../sandbox-disputes/until.test-helper';

// The acquirer's chargebacks in its own vocabulary: event codes, scheme reason codes, major-unit amounts,
// defence documents; signed like its other notifications.
const SECRET = 'whsec_' + Buffer.from('acquirer-dispute-test-secret!').toString('base64');
const KEY = 'ak_test_local';
let acquirer: SandboxAcquirer;
let receiver: Server;
// `live` is the envelope's flag, copied onto each of its items by the receiver.
type Item = { live: string; eventCode: string; pspReference: string; originalReference: string; merchantReference: string; amount: { value: string; currency: string }; reason: string; additionalData: { disputeStatus: string; defensePeriodEndsAt: string } };
const items: Item[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const note = new Webhook(SECRET).verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>) as { live: string; notificationItems: Item[] };
      items.push(...note.notificationItems.map((item) => ({ ...item, live: note.live })));
      res.writeHead(200).end('[accepted]');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  acquirer = await startSandboxAcquirer({ notificationUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/n`, notificationSecret: SECRET, confirmDelayMs: 10, disputeDelayMs: 20, disputeOutcomeDelayMs: 20 });
});

afterAll(async () => {
  await acquirer.close();
  await new Promise((resolve) => receiver.close(resolve));
});

let keys = 0;
async function call(method: string, path: string, body?: object, options: { key?: string; at?: SandboxAcquirer; apiKey?: string } = {}) {
  const headers = { 'content-type': 'application/json', 'x-api-key': options.apiKey ?? KEY, ...(method === 'POST' ? { 'idempotency-key': options.key ?? `d${++keys}` } : {}) };
  const res = await fetch(`${(options.at ?? acquirer).url}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, body: (await res.json()) as any };
}
const of = (reference: string, code?: string) => items.find((i) => i.merchantReference === reference && (!code || i.eventCode === code));

async function capturedDisputed(reference: string, token: string): Promise<Item> {
  const auth = await call('POST', '/api/v2/payments', { merchantReference: reference, amount: { value: '25.00', currency: 'EUR' }, paymentMethod: { type: 'token', token } });
  expect((await call('POST', `/api/v2/payments/${auth.body.pspReference}/captures`, { merchantReference: reference, amount: { value: '25.00', currency: 'EUR' } })).status).toBe(202);
  const opened = await until(() => items.find((i) => i.merchantReference === reference && i.eventCode !== 'CAPTURE'));
  expect(opened.originalReference).toBe(auth.body.pspReference);
  return opened;
}

describe('sandbox acquirer disputes', () => {
  it('given a confirmed capture with pm_card_dispute_fraudulent, then a CHARGEBACK with reason 10.4; a winning defence is reversed', async () => {
    const opened = await capturedDisputed('pay_fraud', 'pm_card_dispute_fraudulent');
    expect(opened).toMatchObject({ eventCode: 'CHARGEBACK', pspReference: expect.stringMatching(/^DP[0-9A-F]{16}$/), amount: { value: '25.00', currency: 'EUR' }, reason: '10.4', additionalData: { disputeStatus: 'Undefended' } });
    expect((await call('GET', `/api/v2/disputes/${opened.pspReference}`)).body).toMatchObject({ disputeStatus: 'Undefended', reasonCode: '10.4', merchantReference: 'pay_fraud' });
    const defended = await call('POST', `/api/v2/disputes/${opened.pspReference}/defend`, { merchantReference: 'pay_fraud', defenseDocuments: [{ type: 'uncategorized_text', content: 'winning_evidence' }] });
    expect(defended).toEqual({ status: 200, body: { disputePspReference: opened.pspReference, disputeStatus: 'Pending' } });
    expect(await until(() => of('pay_fraud', 'CHARGEBACK_REVERSED'))).toMatchObject({ additionalData: { disputeStatus: 'Won' } });
  });

  it('given pm_card_dispute_product_not_received, then reason 13.1; accepting it is a SECOND_CHARGEBACK, and a later defence a 409', async () => {
    const opened = await capturedDisputed('pay_pnr', 'pm_card_dispute_product_not_received');
    expect(opened.reason).toBe('13.1');
    expect((await call('POST', `/api/v2/disputes/${opened.pspReference}/accept`, { merchantReference: 'pay_pnr' })).body).toMatchObject({ disputeStatus: 'Accepted' });
    expect(await until(() => of('pay_pnr', 'SECOND_CHARGEBACK'))).toMatchObject({ additionalData: { disputeStatus: 'Accepted' } });
    const late = await call('POST', `/api/v2/disputes/${opened.pspReference}/defend`, { merchantReference: 'pay_pnr', defenseDocuments: [{ type: 'x', content: 'y' }] });
    expect(late).toMatchObject({ status: 409, body: { errorCode: '30_409' } });
  });

  it('given a losing defence, then SECOND_CHARGEBACK; an inquiry ends INFORMATION_SUPPLIED; malformed and unknown are refused', async () => {
    const opened = await capturedDisputed('pay_lose', 'pm_card_dispute_fraudulent');
    expect((await call('POST', `/api/v2/disputes/${opened.pspReference}/defend`, { merchantReference: 'pay_lose', defenseDocuments: [] })).status).toBe(422);
    await call('POST', `/api/v2/disputes/${opened.pspReference}/defend`, { merchantReference: 'pay_lose', defenseDocuments: [{ type: 'product_description', content: 'a lamp' }] });
    expect(await until(() => of('pay_lose', 'SECOND_CHARGEBACK'))).toMatchObject({ additionalData: { disputeStatus: 'Lost' } });

    const inquiry = await capturedDisputed('pay_rfi', 'pm_card_dispute_inquiry');
    expect(inquiry.eventCode).toBe('REQUEST_FOR_INFORMATION');
    await call('POST', `/api/v2/disputes/${inquiry.pspReference}/defend`, { merchantReference: 'pay_rfi', defenseDocuments: [{ type: 'product_description', content: 'a lamp' }] });
    expect(await until(() => of('pay_rfi', 'INFORMATION_SUPPLIED'))).toMatchObject({ additionalData: { disputeStatus: 'Closed' } });
    expect((await call('GET', '/api/v2/disputes/DP00')).status).toBe(404);
  });

  it('given an everyday card, then no dispute follows its capture', async () => {
    const auth = await call('POST', '/api/v2/payments', { merchantReference: 'pay_calm', amount: { value: '5.00', currency: 'EUR' }, paymentMethod: { type: 'token', token: 'pm_card_visa' } });
    await call('POST', `/api/v2/payments/${auth.body.pspReference}/captures`, { merchantReference: 'pay_calm', amount: { value: '5.00', currency: 'EUR' } });
    await until(() => of('pay_calm', 'CAPTURE'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(items.filter((i) => i.merchantReference === 'pay_calm').map((i) => i.eventCode)).toEqual(['CAPTURE']);
  });

  it('given a defence with two documents of one type, then the winning one still counts', async () => {
    const opened = await capturedDisputed('pay_two_docs', 'pm_card_dispute_fraudulent');
    const documents = [{ type: 'delivery_receipt', content: 'Signed: WINNING_EVIDENCE' }, { type: 'delivery_receipt', content: 'a second receipt' }];
    expect((await call('POST', `/api/v2/disputes/${opened.pspReference}/defend`, { merchantReference: 'pay_two_docs', defenseDocuments: documents })).status).toBe(200);
    expect(await until(() => of('pay_two_docs', 'CHARGEBACK_REVERSED'))).toMatchObject({ additionalData: { disputeStatus: 'Won' } });
  });

  it('given a capture and a defence each replayed under their keys, then one dispute opens and the replay answers the same', async () => {
    const auth = await call('POST', '/api/v2/payments', { merchantReference: 'pay_replay', amount: { value: '12.34', currency: 'EUR' }, paymentMethod: { type: 'token', token: 'pm_card_dispute_fraudulent' } });
    const capture = { merchantReference: 'pay_replay', amount: { value: '12.34', currency: 'EUR' } };
    await call('POST', `/api/v2/payments/${auth.body.pspReference}/captures`, capture, { key: 'capture-replay' });
    expect((await call('POST', `/api/v2/payments/${auth.body.pspReference}/captures`, capture, { key: 'capture-replay' })).status).toBe(202);
    const opened = await until(() => of('pay_replay', 'CHARGEBACK'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(items.filter((i) => i.merchantReference === 'pay_replay' && i.eventCode === 'CHARGEBACK')).toHaveLength(1);
    expect((await call('GET', `/api/v2/disputes/${opened.pspReference}`)).body).toEqual({
      disputePspReference: opened.pspReference, paymentPspReference: auth.body.pspReference, merchantReference: 'pay_replay', amount: { value: '12.34', currency: 'EUR' },
      reasonCode: '10.4', disputeStatus: 'Undefended', defensePeriodEndsAt: opened.additionalData.defensePeriodEndsAt,
    });
    const defence = { merchantReference: 'pay_replay', defenseDocuments: [{ type: 'note', content: 'a lamp' }] };
    const first = await call('POST', `/api/v2/disputes/${opened.pspReference}/defend`, defence, { key: 'defend-replay' });
    expect(await call('POST', `/api/v2/disputes/${opened.pspReference}/defend`, defence, { key: 'defend-replay' })).toEqual(first);
  });

  it('given an id that names no dispute, then 404 30_404 on every dispute route', async () => {
    for (const id of ['DP' + 'F'.repeat(16), 'dp_lower']) {
      expect(await call('GET', `/api/v2/disputes/${id}`)).toMatchObject({ status: 404, body: { errorCode: '30_404' } });
      expect(await call('POST', `/api/v2/disputes/${id}/accept`, { merchantReference: 'pay_x' })).toMatchObject({ status: 404, body: { errorCode: '30_404' } });
    }
  });

  it('given a live-mode acquirer, then its dispute notifications say live "true" (the test instance\'s "false")', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/live`;
    const live = await startSandboxAcquirer({ mode: 'live', notificationUrl: url, notificationSecret: SECRET, confirmDelayMs: 10, disputeDelayMs: 20 });
    try {
      const at = { at: live, apiKey: 'ak_live_local' };
      const auth = await call('POST', '/api/v2/payments', { merchantReference: 'pay_live', amount: { value: '3.00', currency: 'EUR' }, paymentMethod: { type: 'token', token: 'pm_card_dispute_inquiry' } }, at);
      await call('POST', `/api/v2/payments/${auth.body.pspReference}/captures`, { merchantReference: 'pay_live', amount: { value: '3.00', currency: 'EUR' } }, at);
      expect(await until(() => of('pay_live', 'REQUEST_FOR_INFORMATION'))).toMatchObject({ live: 'true', reason: '10.4', additionalData: { disputeStatus: 'Undefended' } });
      expect(items.filter((i) => i.merchantReference !== 'pay_live').every((i) => i.live === 'false')).toBe(true);
    } finally {
      await live.close();
    }
  });
});
