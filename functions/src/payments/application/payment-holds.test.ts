import { ProcessorTestClient } from '../../../../infra/sandbox-processor/processor-test-client';
import { startSandboxProcessor, type SandboxProcessor } from '../../../../infra/sandbox-processor/sandbox-processor.server';
import { QUEUES } from '../../contracts/payment-tasks.v1';
import { HttpProcessorGateway } from '../adapters/processor.http-gateway';
import { transient } from '../adapters/processor.memory-gateway';
import { cancelPayment } from './cancel-payment.command';
import { capturePayment } from './capture-payment.command';
import { createPayment } from './create-payment.command';
import { ProcessorGateway } from './processor.gateway';
import { aCreatePaymentRequest, MERCHANT } from './testing/payment-builders';
import { paymentsHarness, PaymentsHarness } from './testing/payments-harness';
import { ConnectorProcessorGateway } from '../adapters/processor.connectors';
import { SandboxProcessorConnector } from '../adapters/sandbox-processor.connector';

async function create(h: PaymentsHarness, overrides = {}) {
  const result = await h.run((tx) => createPayment(h.deps, tx, MERCHANT, aCreatePaymentRequest(overrides)));
  if (!result.ok) throw new Error('expected the payment to be created');
  return result.value.id;
}

describe('a payment that fails after authorisation releases the hold', () => {
  it('given the automatic capture is refused, when the chain runs, then the authorisation is voided before the payment is recorded failed', async () => {
    const h = paymentsHarness();
    h.processor.nextCapture({ captured: false, code: 'capture_failed', message: 'The processor refused the capture.' });
    const id = await create(h);
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'failed', lastError: { code: 'capture_failed' } });
    expect(h.processor.calls.map((c) => c.method)).toEqual(['authorize', 'capture', 'void']);
    expect(h.processor.callsTo('void').map((c) => c.request)).toEqual([{ processor: 'sandbox_processor', livemode: false, idempotencyKey: `void_${id}`, authorizationId: `auth_${id}`, reference: id }]);
  });

  it('given the void cannot be done now, then nothing is committed and the retry voids and then fails the payment', async () => {
    const h = paymentsHarness();
    h.processor.nextCapture({ captured: false, code: 'capture_failed', message: 'refused' }, { captured: false, code: 'capture_failed', message: 'refused' });
    h.processor.nextVoid(transient('void timed out'));
    const id = await create(h);
    await expect(h.settle()).rejects.toThrow('void timed out');
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'processing' });
    await h.dispatch(h.tasks.inQueue(QUEUES.authorize)[0]);
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'failed' });
    expect(h.processor.callsTo('void').map((c) => c.request.idempotencyKey)).toEqual([`void_${id}`, `void_${id}`]);
  });

  it('given a manual capture is refused, then the hold is voided too', async () => {
    const h = paymentsHarness();
    const id = await create(h, { capture_method: 'manual' });
    await h.settle();
    h.processor.nextCapture({ captured: false, code: 'capture_failed', message: 'refused' });
    await h.run((tx) => capturePayment(h.deps, tx, MERCHANT, { paymentId: id }));
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'failed' });
    expect(h.processor.callsTo('void').map((c) => c.request.idempotencyKey)).toEqual([`void_${id}`]);
  });

  it('given a declined card (no authorisation), then nothing is voided', async () => {
    const h = paymentsHarness();
    h.processor.nextAuthorize({ approved: false, code: 'card_declined', message: 'declined' });
    await create(h);
    await h.settle();
    expect(h.processor.callsTo('void')).toEqual([]);
  });

  it('given an unknown processor answer on a duplicate delivery, then the payment is not failed: the task retries and the first capture stands', async () => {
    const h = paymentsHarness();
    const id = await create(h);
    h.processor.nextCapture(transient('processor answered 409 (idempotency_key_in_use); no capture found yet'));
    await expect(h.settle()).rejects.toThrow('409');
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'processing' });
    await h.dispatch(h.tasks.inQueue(QUEUES.authorize)[0]);
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'succeeded' });
    expect(h.processor.callsTo('void')).toEqual([]);
  });
});

describe('a canceled payment owes its void until the processor answers', () => {
  it('given a cancel, then the hold is owed; once the void task ran, it is recorded released', async () => {
    const h = paymentsHarness();
    const id = await create(h, { capture_method: 'manual' });
    await h.settle();
    h.processor.nextVoid(transient('void timed out'));
    await h.run((tx) => cancelPayment(h.deps, tx, MERCHANT, { paymentId: id }));
    await expect(h.settle()).rejects.toThrow('void timed out');
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'canceled', holdReleased: false });
    await h.dispatch(h.tasks.inQueue(QUEUES.void)[0]);
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'canceled', holdReleased: true });
    expect(h.processor.callsTo('void').map((c) => c.request.idempotencyKey)).toEqual([`void_${id}`, `void_${id}`]);
  });
});

describe('against the sandbox processor', () => {
  let sandbox: SandboxProcessor;
  let admin: ProcessorTestClient;
  let http: HttpProcessorGateway;
  beforeAll(async () => {
    sandbox = await startSandboxProcessor();
    admin = new ProcessorTestClient(sandbox.url, 'sk_test_holds');
    http = new HttpProcessorGateway({ mode: 'test', baseUrl: sandbox.url, apiKey: 'sk_test_holds', maxAttempts: 1 });
  });
  afterAll(async () => {
    await http.close();
    await sandbox.close();
  });

  it('given the processor refuses the capture, then it records the void of the authorisation under void_<paymentId>', async () => {
    const h = paymentsHarness();
    (h.deps as { processor: ProcessorGateway }).processor = new ConnectorProcessorGateway({ test: { sandbox_processor: new SandboxProcessorConnector(http) }, live: null });
    await admin.fault({ path: '/v1/authorizations/', status: 400, code: 'amount_too_large' });
    const id = await create(h);
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'failed', lastError: { code: 'capture_failed' } });
    const movements = await admin.movements();
    expect(movements.map((m) => [m.type, m.idempotency_key])).toEqual([
      ['authorization', `auth_${id}`],
      ['void', `void_${id}`],
    ]);
  });
});
