import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProcessorTestClient } from '../../../../infra/sandbox-processor/processor-test-client';
import { startSandboxProcessor, type SandboxProcessor } from '../../../../infra/sandbox-processor/sandbox-processor.server';
import { ProcessorModeMismatchError } from '../application/processor.gateway';
import { HttpProcessorGateway, ProcessorOutcomeUnknownError } from './processor.http-gateway';

const TEST_KEY = 'sk_test_gateway';
const LIVE_KEY = 'sk_live_gateway';

let sandbox: SandboxProcessor;
let liveSandbox: SandboxProcessor;
let admin: ProcessorTestClient;
let liveAdmin: ProcessorTestClient;
let gateway: HttpProcessorGateway;
const opened: HttpProcessorGateway[] = [];

const client = (options: Partial<ConstructorParameters<typeof HttpProcessorGateway>[0]> = {}) => {
  const made = new HttpProcessorGateway({ mode: 'test', baseUrl: sandbox.url, apiKey: TEST_KEY, timeoutMs: 1000, maxAttempts: 1, ...options });
  opened.push(made);
  return made;
};
const auth = (key: string, token = 'pm_card_visa', livemode = false) => ({ livemode, idempotencyKey: key, token, amount: 1000, currency: 'usd', reference: key });

beforeAll(async () => {
  [sandbox, liveSandbox] = await Promise.all([startSandboxProcessor({ mode: 'test' }), startSandboxProcessor({ mode: 'live' })]);
  admin = new ProcessorTestClient(sandbox.url, TEST_KEY);
  liveAdmin = new ProcessorTestClient(liveSandbox.url, LIVE_KEY);
  gateway = client();
});
afterAll(async () => {
  await Promise.all(opened.map((g) => g.close()));
  await Promise.all([sandbox.close(), liveSandbox.close()]);
});
beforeEach(async () => {
  await admin.reset();
  await liveAdmin.reset();
});

describe('one processor client per mode', () => {
  it('given a test-mode client, when a live payment reaches it, then it throws before any request and nothing moves', async () => {
    await expect(gateway.authorize(auth('auth_live_1', 'pm_card_visa', true))).rejects.toThrow(ProcessorModeMismatchError);
    await expect(gateway.capture({ livemode: true, idempotencyKey: 'cap_x', authorizationId: 'auth_x', amount: 1 })).rejects.toThrow(ProcessorModeMismatchError);
    await expect(gateway.void({ livemode: true, idempotencyKey: 'void_x', authorizationId: 'auth_x' })).rejects.toThrow(ProcessorModeMismatchError);
    await expect(gateway.refund({ livemode: true, idempotencyKey: 'refund_x', captureId: 'cap_x', amount: 1 })).rejects.toThrow(ProcessorModeMismatchError);
    expect(await admin.movements()).toEqual([]);
  });

  it('given a key of the other mode, then the client refuses to be built', () => {
    expect(() => new HttpProcessorGateway({ mode: 'test', baseUrl: sandbox.url, apiKey: LIVE_KEY })).toThrow(/sk_test_/);
    expect(() => new HttpProcessorGateway({ mode: 'live', baseUrl: liveSandbox.url, apiKey: TEST_KEY })).toThrow(/sk_live_/);
  });

  it('given a test client pointed at a live processor, then the processor refuses its key, nothing moves and nothing is taken as a decline', async () => {
    const misrouted = client({ baseUrl: liveSandbox.url });
    await expect(misrouted.authorize(auth('auth_misrouted'))).rejects.toThrow(ProcessorOutcomeUnknownError);
    expect(await liveAdmin.movements()).toEqual([]);
  });

  it('given a processor whose answer declares live mode, then a test client refuses the answer', async () => {
    const liar: Server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'auth_1', status: 'approved', decline_code: null, livemode: true, card: { brand: 'visa', last4: '4242', country: 'us', fingerprint: 'fp' } }));
    });
    await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve));
    try {
      const fooled = client({ baseUrl: `http://127.0.0.1:${(liar.address() as AddressInfo).port}` });
      await expect(fooled.authorize(auth('auth_liar'))).rejects.toThrow(/answer declaring live mode/);
    } finally {
      await new Promise((resolve) => liar.close(resolve));
    }
  });

  it('given the live-flagged sandbox and a live client, then a live payment is authorised there and the test sandbox sees nothing', async () => {
    const live = client({ mode: 'live', baseUrl: liveSandbox.url, apiKey: LIVE_KEY });
    expect(await live.authorize(auth('auth_live_ok', 'pm_card_visa', true))).toMatchObject({ approved: true });
    expect(await liveAdmin.movements()).toHaveLength(1);
    expect(await admin.movements()).toEqual([]);
  });
});

describe('ambiguous processor answers are unknown, resolved by looking the attempt up', () => {
  it.each([
    [409, 'idempotency_key_in_use'],
    [408, 'request_timeout'],
    [401, 'invalid_api_key'],
  ])('given the authorisation went through but its answer was %i %s, then the attempt is found and approved, not declined', async (status, code) => {
    await admin.fault({ path: '/v1/authorizations', status, code, after_processing: true });
    const result = await gateway.authorize(auth(`auth_amb_${status}`));
    const [movement] = await admin.movements();
    expect(result).toMatchObject({ approved: true, authorizationId: movement.authorization });
    expect(await admin.movements()).toHaveLength(1);
  });

  it('given an ambiguous answer and no attempt under the key, then it throws for a retry (never a final decline), and the retry authorises once', async () => {
    await admin.fault({ path: '/v1/authorizations', status: 403, code: 'forbidden' });
    await expect(gateway.authorize(auth('auth_amb_none'))).rejects.toThrow(ProcessorOutcomeUnknownError);
    expect(await admin.movements()).toEqual([]);
    expect(await gateway.authorize(auth('auth_amb_none'))).toMatchObject({ approved: true });
    expect(await admin.movements()).toHaveLength(1);
  });

  it('given explicit declines, then they stay final', async () => {
    expect(await gateway.authorize(auth('auth_declined', 'pm_card_insufficient_funds'))).toEqual({ approved: false, code: 'insufficient_funds', message: expect.any(String) });
    expect(await gateway.authorize(auth('auth_unknown_token', 'pm_card_discover'))).toEqual({ approved: false, code: 'invalid_payment_method', message: expect.any(String) });
  });

  it('given a 400 for a request that cannot have taken effect and no attempt under its key, then it is a final refusal, not an endless retry', async () => {
    await admin.fault({ path: '/v1/authorizations', status: 400, code: 'invalid_request' });
    expect(await gateway.authorize(auth('auth_invalid'))).toEqual({ approved: false, code: 'processing_error', message: expect.any(String) });
    expect(await admin.movements()).toEqual([]);
  });

  it('given a capture that went through but answered 409, then the capture on the authorisation is taken', async () => {
    const authorized = await gateway.authorize(auth('auth_cap'));
    if (!authorized.approved) throw new Error('expected approval');
    await admin.fault({ path: `/v1/authorizations/${authorized.authorizationId}/capture`, status: 409, code: 'idempotency_key_in_use', after_processing: true });
    const captured = await gateway.capture({ livemode: false, idempotencyKey: 'cap_1', authorizationId: authorized.authorizationId, amount: 1000 });
    const capture = (await admin.movements()).find((m) => m.type === 'capture');
    expect(capture).toBeDefined();
    expect(captured).toEqual({ captured: true, captureId: (await admin.get(`/v1/authorizations/${authorized.authorizationId}`)).body.capture });
  });

  it('given a capture answered 408 before anything happened, then it throws for a retry instead of failing the payment', async () => {
    const authorized = await gateway.authorize(auth('auth_cap_408'));
    if (!authorized.approved) throw new Error('expected approval');
    await admin.fault({ path: `/v1/authorizations/${authorized.authorizationId}/capture`, status: 408, code: 'request_timeout' });
    await expect(gateway.capture({ livemode: false, idempotencyKey: 'cap_2', authorizationId: authorized.authorizationId, amount: 1000 })).rejects.toThrow(ProcessorOutcomeUnknownError);
    expect(await gateway.capture({ livemode: false, idempotencyKey: 'cap_2', authorizationId: authorized.authorizationId, amount: 1000 })).toMatchObject({ captured: true });
  });

  it('given a refund and a void whose answers were lost, then both are found', async () => {
    const a = await gateway.authorize(auth('auth_ref'));
    const b = await gateway.authorize(auth('auth_void'));
    if (!a.approved || !b.approved) throw new Error('expected approvals');
    const captured = await gateway.capture({ livemode: false, idempotencyKey: 'cap_ref', authorizationId: a.authorizationId, amount: 1000 });
    if (!captured.captured) throw new Error('expected a capture');
    await admin.fault({ path: '/v1/refunds', status: 409, code: 'idempotency_key_in_use', after_processing: true });
    expect(await gateway.refund({ livemode: false, idempotencyKey: 'refund_1', captureId: captured.captureId, amount: 400 })).toEqual({ refunded: true, processorRefundId: expect.stringMatching(/^re_/) });
    await admin.fault({ path: `/v1/authorizations/${b.authorizationId}/void`, status: 401, code: 'invalid_api_key', after_processing: true });
    expect(await gateway.void({ livemode: false, idempotencyKey: 'void_1', authorizationId: b.authorizationId })).toEqual({ voided: true });
    expect((await admin.movements()).map((m) => m.type).sort()).toEqual(['authorization', 'authorization', 'capture', 'refund', 'void']);
  });

  it('given a refund beyond the capture, then the explicit refusal stays final', async () => {
    const a = await gateway.authorize(auth('auth_over'));
    if (!a.approved) throw new Error('expected approval');
    const captured = await gateway.capture({ livemode: false, idempotencyKey: 'cap_over', authorizationId: a.authorizationId, amount: 500 });
    if (!captured.captured) throw new Error('expected a capture');
    expect(await gateway.refund({ livemode: false, idempotencyKey: 'refund_over', captureId: captured.captureId, amount: 900 })).toEqual({ refunded: false, code: 'refund_exceeds_capture' });
  });
});
