import { consumedEventTypes } from '../../catalogue/function-catalogue';
import { QUEUES } from '../../contracts/payment-tasks.v1';
import { declined, transient } from '../adapters/processor.memory-gateway';
import { capturePayment } from './capture-payment.command';
import { cancelPayment } from './cancel-payment.command';
import { createPayment } from './create-payment.command';
import { aCreatePaymentRequest, MERCHANT } from './testing/payment-builders';
import { paymentsHarness, PaymentsHarness } from './testing/payments-harness';

const ledgerSums = (h: PaymentsHarness) => {
  const sums: Record<string, number> = {};
  for (const journal of h.payments.journals()) for (const e of journal.entries) sums[e.currency] = (sums[e.currency] ?? 0) + e.amount;
  return sums;
};

async function create(h: PaymentsHarness, overrides = {}) {
  const result = await h.run((tx) => createPayment(h.deps, tx, MERCHANT, aCreatePaymentRequest(overrides)));
  if (!result.ok) throw new Error('expected the payment to be created');
  return result.value.id;
}

describe('payment chain with memory adapters', () => {
  it('given an automatic-capture payment, when the chain runs, then it succeeds, the ledger balances and the merchant is owed amount minus fee', async () => {
    const h = paymentsHarness();
    const id = await create(h);
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'succeeded', amountCaptured: 10_000, fee: 290 });
    expect(ledgerSums(h)).toEqual({ usd: 0 });
    expect(await h.balance()).toMatchObject({ pending: [{ amount: 9_710, currency: 'usd' }] });
    expect(h.publisher.published.map((e) => e.type)).toEqual(['payment.created', 'payment.authorized', 'payment.succeeded']);
    expect(h.payments.outbox.all().every((doc) => doc.status === 'sent')).toBe(true);
  });

  it('given a declined card, when the chain runs, then the payment fails with last_error and no money moves', async () => {
    const h = paymentsHarness();
    h.processor.nextAuthorize(declined('insufficient_funds', 'Not enough money.'));
    const id = await create(h);
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'failed', lastError: { code: 'insufficient_funds', message: 'Not enough money.' } });
    expect(h.processor.callsTo('capture')).toHaveLength(0);
    expect(h.payments.journals()).toEqual([]);
  });

  it('given manual capture, when captured partially, then only that amount is captured and the balance reflects it', async () => {
    const h = paymentsHarness();
    const id = await create(h, { capture_method: 'manual' });
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'requires_capture', amountCapturable: 10_000 });
    const captured = await h.run((tx) => capturePayment(h.deps, tx, MERCHANT, { paymentId: id, amountToCapture: 6_000 }));
    expect(captured.ok).toBe(true);
    await h.settle();
    expect(h.processor.callsTo('capture')[0].request).toMatchObject({ amount: 6_000 });
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'succeeded', amountCaptured: 6_000, fee: 174 });
    expect(await h.balance()).toMatchObject({ pending: [{ amount: 5_826, currency: 'usd' }] });
  });

  it('given an authorised payment, when canceled, then a void task releases the authorisation', async () => {
    const h = paymentsHarness();
    const id = await create(h, { capture_method: 'manual' });
    await h.settle();
    const canceled = await h.run((tx) => cancelPayment(h.deps, tx, MERCHANT, { paymentId: id }));
    expect(canceled).toMatchObject({ ok: true, value: { status: 'canceled' } });
    await h.settle();
    expect(h.tasks.inQueue(QUEUES.void).map((t) => t.name)).toEqual([`void-${id}`]);
    expect(h.processor.callsTo('void')[0].request).toEqual({ processor: 'sandbox_processor', livemode: false, idempotencyKey: `void_${id}`, authorizationId: `auth_${id}`, reference: id });
  });

  it('given a settled payment, when its tasks are repeated, then nothing changes', async () => {
    const h = paymentsHarness();
    const id = await create(h);
    await h.settle();
    const callsBefore = h.processor.calls.length;
    const settled = await h.payments.getPayment(id);
    for (const task of [...h.tasks.tasks]) await h.dispatch(task);
    expect(await h.payments.getPayment(id)).toEqual(settled);
    expect(h.processor.calls).toHaveLength(callsBefore);
    expect(h.payments.journals()).toHaveLength(1);
    expect(h.payments.outboxEvents()).toHaveLength(3);
  });

  it('given a transient processor error, when authorising, then it throws for a retry and writes nothing; the retry succeeds', async () => {
    const h = paymentsHarness();
    h.processor.nextAuthorize(transient());
    const id = await create(h);
    await expect(h.settle()).rejects.toThrow('processor timed out');
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'processing', stage: 'gates', gatesPassed: [] });
    expect(h.payments.outboxEvents().map((e) => e.type)).toEqual(['payment.created']);
    await h.dispatch(h.tasks.inQueue(QUEUES.authorize)[0]);
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'succeeded' });
    expect(h.processor.callsTo('authorize').map((c) => c.request.idempotencyKey)).toEqual([`auth_${id}`, `auth_${id}`]);
  });

  it('given a transient capture error, when capturing, then it throws and nothing is recorded, so the task retries both calls', async () => {
    const h = paymentsHarness();
    h.processor.nextCapture(transient('503 from processor'));
    const id = await create(h);
    await expect(h.settle()).rejects.toThrow('503');
    // Authorisation and automatic capture commit together: a retry replays the authorisation by its key.
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'processing', stage: 'gates', gatesPassed: [] });
    expect(h.payments.journals()).toEqual([]);
  });

  it('given a gate that has not passed, when the authorise task runs anyway, then the processor is never called', async () => {
    const gateTasks: string[] = [];
    const h = paymentsHarness({ gates: [{ name: 'fraud', queue: QUEUES.authorize }], onGateTask: async (t) => void gateTasks.push(t.name) });
    const id = await create(h);
    await h.settle();
    expect(gateTasks).toEqual([`fraud-${id}`]);
    expect(await h.dispatch({ queue: QUEUES.authorize, name: `authorize-${id}`, payload: { payment_id: id } })).toEqual({ kind: 'dropped', reason: 'gates_not_passed' });
    expect(h.processor.calls).toEqual([]);
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'processing', stage: 'gates' });
  });

  it('given the consumers the catalogue declares, when a payment succeeds, then only the types they read reach the outbox and Pub/Sub', async () => {
    const h = paymentsHarness({ published: consumedEventTypes() });
    const id = await create(h);
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'succeeded' });
    // the merchant events read every type but the chain's internal capture request, which nobody reads
    expect(h.payments.outboxEvents().map((e) => e.type)).toEqual(['payment.created', 'payment.authorized', 'payment.succeeded']);
    expect(h.publisher.published.map((e) => e.type)).toEqual(['payment.created', 'payment.authorized', 'payment.succeeded']);
    // each carries the payment as the API showed it at that moment, and the status it left
    expect(h.payments.outboxEvents().map((e) => [e.data.object?.status, e.data.previous_attributes?.status])).toEqual([
      ['processing', undefined],
      ['succeeded', 'processing'],
      ['succeeded', 'processing'],
    ]);
  });
});
