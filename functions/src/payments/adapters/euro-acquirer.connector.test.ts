import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandboxAcquirer, type SandboxAcquirer } from '../../../../infra/sandbox-acquirer/sandbox-acquirer.server';
import { ConnectorNotReachedError, ConnectorOutcomeUnknownError } from '../application/processor-connector';
import { ProcessorModeMismatchError } from '../application/processor.gateway';
import { EuroAcquirerConnector } from './euro-acquirer.connector';

// The connector against the real sandbox acquirer over HTTP: every mapping from the acquirer's
// vocabulary is exercised by what the acquirer really answers.
const OLD_SECRET = 'whsec_' + Buffer.from('acquirer-old-secret-0123456789').toString('base64');
const NEW_SECRET = 'whsec_' + Buffer.from('acquirer-new-secret-0123456789').toString('base64');
let acquirer: SandboxAcquirer;
let receiver: Server;
const received: Array<{ raw: Buffer; headers: Record<string, string | undefined> }> = [];
let connector: EuroAcquirerConnector;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => (received.push({ raw: Buffer.concat(chunks), headers: req.headers as Record<string, string> }), res.writeHead(204).end()));
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  // the acquirer still signs with the old secret while the platform already knows the new one (rotation)
  acquirer = await startSandboxAcquirer({ notificationUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/n`, notificationSecret: OLD_SECRET, confirmDelayMs: 20, hangMs: 400 });
  connector = new EuroAcquirerConnector({ mode: 'test', baseUrl: acquirer.url, apiKey: 'ak_test_local', notificationSecrets: [NEW_SECRET, OLD_SECRET], timeoutMs: 200, retries: 0 });
});

afterAll(async () => {
  await connector.close();
  await acquirer.close();
  await new Promise((resolve) => receiver.close(resolve));
});

let n = 0;
const ref = () => `pay_conn_${++n}`;
const auth = (reference: string, token = 'pm_card_visa', amount = 1234, currency = 'eur') => connector.authorize({ livemode: false, idempotencyKey: `auth_${reference}`, token, amount, currency, reference });
const notificationFor = async (processorReference: string) => {
  for (let i = 0; i < 300; i++) {
    const hit = received.find((r) => r.raw.toString().includes(processorReference));
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no notification for ${processorReference}`);
};

describe('European acquirer connector', () => {
  it('maps an authorisation into the domain: minor units, lower-case card fields, our decline codes', async () => {
    expect(await auth(ref())).toEqual({ approved: true, authorizationId: expect.stringMatching(/^EA/), card: { brand: 'visa', last4: expect.stringMatching(/^\d{4}$/), country: 'us', fingerprint: expect.any(String) } });
    expect(await auth(ref(), 'pm_card_declined')).toEqual({ approved: false, code: 'card_declined', message: 'Your card was declined.' });
    expect(await auth(ref(), 'pm_card_insufficient_funds')).toMatchObject({ approved: false, code: 'insufficient_funds' });
    expect(await auth(ref(), 'pm_unknown')).toMatchObject({ approved: false, code: 'invalid_payment_method' });
    // the amount went over as major units: 1234 JPY is "1234", 1234 EUR is "12.34"
    const jpy = await auth(ref(), 'pm_card_visa', 1234, 'jpy');
    expect(jpy.approved && acquirer.ledger.get(jpy.authorizationId)).toMatchObject({ amount: 1234, currency: 'jpy' });
  });

  it('a capture is pending until the signed notification confirms it; the notification maps to our reference and minor units', async () => {
    const reference = ref();
    const authorised = await auth(reference, 'pm_card_visa', 2500);
    if (!authorised.approved) throw new Error('not approved');
    const capture = await connector.capture({ livemode: false, idempotencyKey: `cap_${reference}`, authorizationId: authorised.authorizationId, amount: 2500, currency: 'eur', reference });
    expect(capture).toEqual({ status: 'pending', processorReference: expect.stringMatching(/^EA/) });
    const note = await notificationFor(capture.status === 'pending' ? capture.processorReference : '');
    expect(connector.parseNotification(note.raw, note.headers)).toEqual({
      ok: true,
      notifications: [{ id: expect.stringMatching(/^ntf_/), kind: 'capture', succeeded: true, processorReference: (capture as { processorReference: string }).processorReference, paymentProcessorReference: authorised.authorizationId, reference, amount: 2500, currency: 'eur', livemode: false }],
    });
    // a body changed by one byte, or signed with a secret the platform does not know, is refused
    const tampered = Buffer.from(note.raw.toString().replace('25.00', '99.00'));
    expect(connector.parseNotification(tampered, note.headers)).toEqual({ ok: false, reason: 'bad_signature' });
    const stranger = new EuroAcquirerConnector({ mode: 'test', baseUrl: acquirer.url, apiKey: 'ak_test_x', notificationSecrets: [NEW_SECRET] });
    expect(stranger.parseNotification(note.raw, note.headers)).toEqual({ ok: false, reason: 'bad_signature' });
    await stranger.close();
    // and the look-up shows the confirmed capture
    expect(await connector.lookup({ livemode: false, reference })).toMatchObject({ found: true, capture: { status: 'succeeded', amount: 2500, reference } });
  });

  it('refunds by the refund\'s own reference and refuses more than the capture', async () => {
    const reference = ref();
    const authorised = await auth(reference, 'pm_card_visa', 1000);
    if (!authorised.approved) throw new Error('not approved');
    await connector.capture({ livemode: false, idempotencyKey: `cap_${reference}`, authorizationId: authorised.authorizationId, amount: 1000, currency: 'eur', reference });
    const refund = await connector.refund({ livemode: false, idempotencyKey: 'ref_re_a', authorizationId: authorised.authorizationId, captureId: '', amount: 400, currency: 'eur', reference: 're_a' });
    expect(refund.status).toBe('pending');
    expect(await connector.refund({ livemode: false, idempotencyKey: 'ref_re_b', authorizationId: authorised.authorizationId, captureId: '', amount: 601, currency: 'eur', reference: 're_b' })).toMatchObject({ status: 'refused', code: 'refund_exceeds_capture' });
    expect(await connector.lookup({ livemode: false, reference: 're_a' })).toMatchObject({ found: true, refunds: [{ reference: 're_a', amount: 400 }] });
  });

  it('voids an uncaptured authorisation and refuses to void a captured one', async () => {
    const open = ref();
    const a = await auth(open);
    if (!a.approved) throw new Error('not approved');
    expect(await connector.void({ livemode: false, idempotencyKey: `void_${open}`, authorizationId: a.authorizationId, reference: open })).toMatchObject({ status: 'pending' });
    const captured = ref();
    const b = await auth(captured);
    if (!b.approved) throw new Error('not approved');
    await connector.capture({ livemode: false, idempotencyKey: `cap_${captured}`, authorizationId: b.authorizationId, amount: 1234, currency: 'eur', reference: captured });
    expect(await connector.void({ livemode: false, idempotencyKey: `void_${captured}`, authorizationId: b.authorizationId, reference: captured })).toMatchObject({ status: 'refused', code: 'already_captured' });
  });

  it('an answer lost after the acquirer acted is settled by looking the payment up by our reference', async () => {
    // pm_card_timeout_once: the acquirer authorises and holds its answer past the connector's timeout
    const reference = ref();
    expect(await auth(reference, 'pm_card_timeout_once')).toMatchObject({ approved: true });
    expect(acquirer.ledger.byMerchantReference(reference)).toHaveLength(1);
  });

  it('a refused connection is "not reached" (another processor may be tried); a failed look-up after a send is "unknown"', async () => {
    await acquirer.setDown(true);
    // (the pool notices its kept-alive connections were closed, as it would for a host that went down a moment ago)
    await new Promise((resolve) => setTimeout(resolve, 50));
    try {
      await expect(auth(ref())).rejects.toBeInstanceOf(ConnectorNotReachedError);
    } finally {
      await acquirer.setDown(false);
    }
    // the acquirer resets connections after receiving them: it may have acted, so never "not reached"
    await fetch(`${acquirer.url}/__admin/outage`, { method: 'POST', body: JSON.stringify({ down: true }) });
    try {
      await expect(auth(ref())).rejects.toBeInstanceOf(ConnectorOutcomeUnknownError);
    } finally {
      await fetch(`${acquirer.url}/__admin/outage`, { method: 'POST', body: JSON.stringify({ down: false }) });
    }
  });

  it('keeps test and live apart: a request or an answer of the other mode is refused', async () => {
    await expect(connector.authorize({ livemode: true, idempotencyKey: 'k', token: 'pm_card_visa', amount: 100, currency: 'eur', reference: 'pay_live' })).rejects.toBeInstanceOf(ProcessorModeMismatchError);
    expect(() => new EuroAcquirerConnector({ mode: 'live', baseUrl: acquirer.url, apiKey: 'ak_test_x', notificationSecrets: [NEW_SECRET] })).toThrow(/ak_live_/);
  });
});
