import { ProcessorTestClient } from './processor-test-client';
import { startSandboxProcessor, type ProcessingTiming, type SandboxProcessor } from './sandbox-processor.server';

let processor: SandboxProcessor;
let client: ProcessorTestClient;

beforeAll(async () => {
  processor = await startSandboxProcessor({ host: '127.0.0.1', port: 0, hangMs: 150 });
  client = new ProcessorTestClient(processor.url);
});
afterAll(() => processor.close());
beforeEach(() => client.reset());

const timings = async (): Promise<ProcessingTiming[]> => (await client.get('/__admin/timings')).body.calls;

describe('time spent inside the sandbox processor (GET /__admin/timings)', () => {
  it('given an authorisation and a capture, when timings are read, then each call is listed with its key, status and duration', async () => {
    const auth = await client.post('/v1/authorizations', { token: 'pm_card_visa', amount: 1000, currency: 'usd', reference: 'pay_1' }, { key: 'auth_pay_1' });
    await client.post(`/v1/authorizations/${auth.body.id}/capture`, { amount: 1000 }, { key: 'cap_pay_1' });

    const calls = await timings();

    expect(calls).toEqual([
      { method: 'POST', path: '/v1/authorizations', idempotency_key: 'auth_pay_1', status: 200, ms: expect.any(Number) },
      { method: 'POST', path: `/v1/authorizations/${auth.body.id}/capture`, idempotency_key: 'cap_pay_1', status: 200, ms: expect.any(Number) },
    ]);
    for (const call of calls) expect(call.ms).toBeGreaterThan(0);
  });

  it('given a held response, when it is finally sent, then its duration covers the hold', async () => {
    await client.post('/v1/authorizations', { token: 'pm_card_timeout_once', amount: 1000, currency: 'usd', reference: 'pay_2' }, { key: 'auth_pay_2' });

    const [held] = await timings();

    expect(held).toMatchObject({ idempotency_key: 'auth_pay_2', status: 200 });
    expect(held.ms).toBeGreaterThanOrEqual(140);
  });

  it('given admin calls and a reset, then only /v1 calls are listed and the reset clears them', async () => {
    await client.get('/v1/authorizations?idempotency_key=none');
    await client.post('/__admin/faults', { status: 503, code: 'processor_unavailable', path: '/v1/nothing' }, { key: null });

    expect((await timings()).map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual(['GET /v1/authorizations 404']);
    await client.reset();
    expect(await timings()).toEqual([]);
  });
});
