import { ProcessorTestClient } from './processor-test-client';
import { startSandboxProcessor, type SandboxProcessor } from './sandbox-processor.server';

let processor: SandboxProcessor;
let client: ProcessorTestClient;

beforeAll(async () => {
  processor = await startSandboxProcessor({ port: 0 });
  client = new ProcessorTestClient(processor.url);
});
afterAll(() => processor.close());
beforeEach(() => client.reset());

async function approved(amount = 1000): Promise<string> {
  return (await client.authorize('pm_card_visa', amount)).body.id;
}

describe('capture', () => {
  it('captures part of an authorisation once and releases the rest', async () => {
    const authId = await approved(1000);
    const capture = await client.capture(authId, 600);
    expect(capture.status).toBe(200);
    expect(capture.body).toEqual({
      id: expect.stringMatching(/^cap_/),
      object: 'capture',
      authorization: authId,
      amount: 600,
      currency: 'usd',
      status: 'succeeded',
      livemode: false,
      created_ms: expect.any(Number),
    });
    expect((await client.get(`/v1/authorizations/${authId}`)).body.amount_captured).toBe(600);
    const second = await client.capture(authId, 400);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('invalid_state');
  });

  it('refuses to capture more than was authorised', async () => {
    const authId = await approved(1000);
    const reply = await client.capture(authId, 1001);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('amount_too_large');
    expect((await client.capture(authId, 1000)).status).toBe(200);
  });

  it('refuses to capture a declined or voided authorisation', async () => {
    const declined = (await client.authorize('pm_card_insufficient_funds')).body.id;
    const voided = await approved();
    await client.void(voided);
    expect((await client.capture(declined, 100)).body.error.code).toBe('invalid_state');
    expect((await client.capture(voided, 100)).status).toBe(409);
  });

  it('answers 404 for an unknown authorisation', async () => {
    expect((await client.capture('auth_missing', 100)).status).toBe(404);
  });
});

describe('void', () => {
  it('voids an uncaptured authorisation and returns it', async () => {
    const authId = await approved(700);
    const reply = await client.void(authId);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: authId, object: 'authorization', status: 'approved', voided: true, amount: 700 });
  });

  it('refuses to void a captured or already voided authorisation', async () => {
    const captured = await approved();
    await client.capture(captured, 100);
    const voided = await approved();
    await client.void(voided);
    expect((await client.void(captured)).body.error.code).toBe('invalid_state');
    expect((await client.void(voided)).status).toBe(409);
  });
});

describe('refunds', () => {
  it('refunds in parts up to the captured amount and no further', async () => {
    const authId = await approved(1000);
    const captureId = (await client.capture(authId, 800)).body.id;
    const first = await client.refund(captureId, 500);
    const second = await client.refund(captureId, 300);
    const third = await client.refund(captureId, 1);
    expect(first.body).toMatchObject({ object: 'refund', capture: captureId, amount: 500, currency: 'usd', status: 'succeeded' });
    expect(first.body.id).toMatch(/^re_/);
    expect(second.status).toBe(200);
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('refund_exceeds_capture');
    expect((await client.get(`/v1/authorizations/${authId}`)).body.amount_refunded).toBe(800);
  });

  it('refuses a single refund larger than the capture', async () => {
    const captureId = (await client.capture(await approved(1000), 1000)).body.id;
    expect((await client.refund(captureId, 1001)).body.error.code).toBe('refund_exceeds_capture');
  });

  it('answers 404 for an unknown capture', async () => {
    expect((await client.refund('cap_missing', 1)).status).toBe(404);
  });
});

describe('movements', () => {
  it('records each money movement exactly once however often requests are replayed', async () => {
    const auth = await client.authorize('pm_card_visa', 1000, { key: 'a1' });
    await client.authorize('pm_card_visa', 1000, { key: 'a1' });
    const capture = await client.capture(auth.body.id, 900, { key: 'c1' });
    await client.capture(auth.body.id, 900, { key: 'c1' });
    await client.refund(capture.body.id, 200, { key: 'r1' });
    await client.refund(capture.body.id, 200, { key: 'r1' });
    const other = await client.authorize('pm_card_mastercard', 300, { key: 'a2' });
    await client.void(other.body.id, { key: 'v1' });
    await client.void(other.body.id, { key: 'v1' });

    const movements = await client.movements();
    expect(movements.map(({ type, amount, idempotency_key }) => ({ type, amount, idempotency_key }))).toEqual([
      { type: 'authorization', amount: 1000, idempotency_key: 'a1' },
      { type: 'capture', amount: 900, idempotency_key: 'c1' },
      { type: 'refund', amount: 200, idempotency_key: 'r1' },
      { type: 'authorization', amount: 300, idempotency_key: 'a2' },
      { type: 'void', amount: 300, idempotency_key: 'v1' },
    ]);
    expect(new Set(movements.map((movement) => movement.id)).size).toBe(movements.length);
    expect(movements.filter((movement) => movement.authorization === auth.body.id)).toHaveLength(3);
  });

  it('records nothing for refused operations', async () => {
    const authId = await approved(100);
    await client.capture(authId, 500);
    await client.refund('cap_missing', 1);
    expect((await client.movements()).map((movement) => movement.type)).toEqual(['authorization']);
  });
});
