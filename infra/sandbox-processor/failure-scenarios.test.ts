import { ProcessorTestClient } from './processor-test-client';
import { startSandboxProcessor, type SandboxProcessor } from './sandbox-processor.server';

// Far longer than any test may take: a held response can only end by replay, abort or close().
const HANG_MS = 60_000;
const CLIENT_TIMEOUT_MS = 100;

let processor: SandboxProcessor;
let client: ProcessorTestClient;

beforeAll(async () => {
  processor = await startSandboxProcessor({ port: 0, hangMs: HANG_MS, errorAttempts: 2 });
  client = new ProcessorTestClient(processor.url);
});
afterAll(() => processor.close());
beforeEach(() => client.reset());

const timedOut = { name: 'TimeoutError' };

describe('pm_card_timeout_once', () => {
  it('authorises once although the client timed out, and the retry gets the stored result', async () => {
    const firstTry = client.authorize('pm_card_timeout_once', 1200, { key: 'slow-1', signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
    await expect(firstTry).rejects.toMatchObject(timedOut);

    const retry = await client.authorize('pm_card_timeout_once', 1200, { key: 'slow-1' });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ status: 'approved', amount: 1200 });
    expect((await client.movements()).map((movement) => movement.type)).toEqual(['authorization']);
  });

  it('holds the first capture and refund of such an authorisation and charges each once', async () => {
    const authTry = client.authorize('pm_card_timeout_once', 1000, { key: 'slow-2', signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
    await expect(authTry).rejects.toMatchObject(timedOut);
    const authId = (await client.authorize('pm_card_timeout_once', 1000, { key: 'slow-2' })).body.id;

    const captureTry = client.capture(authId, 1000, { key: 'slow-cap', signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
    await expect(captureTry).rejects.toMatchObject(timedOut);
    const capture = await client.capture(authId, 1000, { key: 'slow-cap' });
    expect(capture.body).toMatchObject({ object: 'capture', amount: 1000 });

    const refundTry = client.refund(capture.body.id, 400, { key: 'slow-re', signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
    await expect(refundTry).rejects.toMatchObject(timedOut);
    const refund = await client.refund(capture.body.id, 400, { key: 'slow-re' });
    expect(refund.body).toMatchObject({ object: 'refund', amount: 400 });

    expect((await client.movements()).map((movement) => movement.type)).toEqual(['authorization', 'capture', 'refund']);
  });
});

describe('pm_card_processor_error', () => {
  it('fails the first attempts per key with 503 recording nothing, then approves once', async () => {
    const attempt = () => client.authorize('pm_card_processor_error', 800, { key: 'flaky-1' });
    const first = await attempt();
    const second = await attempt();
    expect(first).toEqual({ status: 503, body: { error: { code: 'processor_unavailable', message: expect.any(String) } } });
    expect(second.status).toBe(503);
    expect(await client.movements()).toEqual([]);

    const third = await attempt();
    const replay = await attempt();
    expect(third.status).toBe(200);
    expect(third.body).toMatchObject({ status: 'approved', amount: 800 });
    expect(replay).toEqual(third);
    expect(await client.movements()).toHaveLength(1);
  });

  it('counts attempts separately for each idempotency key', async () => {
    await client.authorize('pm_card_processor_error', 800, { key: 'flaky-a' });
    const otherKey = await client.authorize('pm_card_processor_error', 800, { key: 'flaky-b' });
    expect(otherKey.status).toBe(503);
  });
});

describe('close()', () => {
  it('ends a response that is still being held so shutdown is prompt', async () => {
    const own = await startSandboxProcessor({ port: 0, hangMs: HANG_MS });
    const ownClient = new ProcessorTestClient(own.url);
    const pending = ownClient.authorize('pm_card_timeout_once');
    // The movement proves the request was processed and its response is now being held.
    await waitFor(async () => (await ownClient.movements()).length === 1);
    await own.close();
    await expect(pending).rejects.toThrow();
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setImmediate(resolve));
}
