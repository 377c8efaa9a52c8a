import { ProcessorTestClient } from './processor-test-client';
import { startSandboxProcessor, type SandboxProcessor } from './sandbox-processor.server';

let test: SandboxProcessor;
let live: SandboxProcessor;
let testClient: ProcessorTestClient;
let liveClient: ProcessorTestClient;

beforeAll(async () => {
  [test, live] = await Promise.all([startSandboxProcessor({ mode: 'test' }), startSandboxProcessor({ mode: 'live' })]);
  testClient = new ProcessorTestClient(test.url, 'sk_test_1');
  liveClient = new ProcessorTestClient(live.url, 'sk_live_1');
});
afterAll(() => Promise.all([test.close(), live.close()]));
beforeEach(() => Promise.all([testClient.reset(), liveClient.reset()]));

describe('one mode per sandbox instance', () => {
  it('declares its mode on every object it creates', async () => {
    const auth = await testClient.authorize('pm_card_visa');
    expect(auth.body.livemode).toBe(false);
    expect((await testClient.capture(auth.body.id, 1000)).body.livemode).toBe(false);
    const liveAuth = await liveClient.authorize('pm_card_visa');
    expect(liveAuth.body.livemode).toBe(true);
    const capture = await liveClient.capture(liveAuth.body.id, 1000);
    expect((await liveClient.refund(capture.body.id, 100)).body.livemode).toBe(true);
  });

  it('refuses a key of the other mode and a POST without key, moving nothing', async () => {
    const liveKeyOnTest = await testClient.authorize('pm_card_visa', 1000, { apiKey: 'sk_live_1' });
    expect(liveKeyOnTest).toEqual({ status: 403, body: { error: { code: 'livemode_mismatch', message: expect.any(String) } } });
    expect((await liveClient.authorize('pm_card_visa', 1000, { apiKey: 'sk_test_1' })).status).toBe(403);
    expect((await testClient.authorize('pm_card_visa', 1000, { apiKey: null })).body.error.code).toBe('missing_api_key');
    expect(await testClient.movements()).toEqual([]);
    expect(await liveClient.movements()).toEqual([]);
  });
});

describe('looking an attempt up by its idempotency key', () => {
  it('finds the authorisation (approved or declined) and the refund a key created; 404 otherwise', async () => {
    const approved = await testClient.authorize('pm_card_visa', 1000, { key: 'auth_pay_1' });
    const declined = await testClient.authorize('pm_card_declined', 1000, { key: 'auth_pay_2' });
    expect((await testClient.get('/v1/authorizations?idempotency_key=auth_pay_1')).body).toEqual(approved.body);
    expect((await testClient.get('/v1/authorizations?idempotency_key=auth_pay_2')).body).toMatchObject({ id: declined.body.id, status: 'declined' });
    expect((await testClient.get('/v1/authorizations?idempotency_key=auth_pay_3')).status).toBe(404);
    const capture = await testClient.capture(approved.body.id, 1000);
    expect((await testClient.get(`/v1/authorizations/${approved.body.id}`)).body.capture).toBe(capture.body.id);
    const refund = await testClient.refund(capture.body.id, 300, { key: 'refund_re_1' });
    expect((await testClient.get('/v1/refunds?idempotency_key=refund_re_1')).body).toEqual(refund.body);
    expect((await testClient.get('/v1/refunds?idempotency_key=refund_re_2')).status).toBe(404);
  });
});

describe('fault injection', () => {
  it('answers a scripted fault before processing: nothing happens, the retry is processed', async () => {
    await testClient.fault({ path: '/v1/authorizations', status: 409, code: 'idempotency_key_in_use' });
    expect((await testClient.authorize('pm_card_visa', 1000, { key: 'k1' })).status).toBe(409);
    expect(await testClient.movements()).toEqual([]);
    expect((await testClient.authorize('pm_card_visa', 1000, { key: 'k1' })).status).toBe(200);
  });

  it('answers a scripted fault after processing: the effect happens once and a retry replays it', async () => {
    await testClient.fault({ idempotency_key: 'k2', status: 408, code: 'request_timeout', after_processing: true });
    expect((await testClient.authorize('pm_card_visa', 1000, { key: 'k2' })).status).toBe(408);
    const retry = await testClient.authorize('pm_card_visa', 1000, { key: 'k2' });
    expect(retry.status).toBe(200);
    expect(await testClient.movements()).toHaveLength(1);
  });

  it('refuses a malformed fault and forgets faults on reset', async () => {
    expect((await testClient.fault({ status: 200, code: 'x' })).status).toBe(400);
    await testClient.fault({ status: 503, code: 'down', times: 5 });
    await testClient.reset();
    expect((await testClient.authorize('pm_card_visa')).status).toBe(200);
  });
});
