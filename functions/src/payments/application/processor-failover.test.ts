import { QUEUES } from '../../contracts/payment-tasks.v1';
import { declined, notReached, transient, TEST_CARD } from '../adapters/processor.memory-gateway';
import { createPayment } from './create-payment.command';
import { executeCapture } from './execute-capture.command';
import { aCreatePaymentRequest, MERCHANT } from './testing/payment-builders';
import { paymentsHarness, PaymentsHarness } from './testing/payments-harness';

// Routing across two processors: failover only when the first was certainly not reached, unknown
// outcomes settled by look-up before anyone else is tried, soft declines retried when allowed,
// captures that a processor confirms later.
const BOTH = ['sandbox_processor', 'euro_acquirer'] as const;

async function create(h: PaymentsHarness, overrides = {}) {
  const result = await h.run((tx) => createPayment(h.deps, tx, MERCHANT, aCreatePaymentRequest(overrides)));
  if (!result.ok) throw new Error('expected the payment to be created');
  return result.value.id;
}
const authorizedAt = (h: PaymentsHarness) => h.processor.callsTo('authorize').map((c) => c.request.processor);

describe('processor failover', () => {
  it('given the first processor refuses the connection on a first delivery, then the second authorises and captures, and the attempts say so', async () => {
    const h = paymentsHarness({ processors: BOTH });
    h.processor.nextAuthorize(notReached());
    const id = await create(h);
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({
      status: 'succeeded',
      authorization: { processor: 'euro_acquirer' },
      attempts: [expect.objectContaining({ processor: 'sandbox_processor', outcome: 'not_reached' }), expect.objectContaining({ processor: 'euro_acquirer', outcome: 'authorized' })],
    });
    expect(h.processor.callsTo('capture').map((c) => c.request.processor)).toEqual(['euro_acquirer']);
  });

  it('given the first processor is not reached on a retried delivery, then nothing else is tried: an earlier delivery may have reached it', async () => {
    const h = paymentsHarness({ processors: BOTH, firstDelivery: false });
    h.processor.nextAuthorize(notReached());
    const id = await create(h);
    await expect(h.settle()).rejects.toThrow('connection refused');
    expect(authorizedAt(h)).toEqual(['sandbox_processor']);
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'processing', stage: 'gates', attempts: [expect.objectContaining({ outcome: 'not_reached' })] });
    // when the first processor is back, the retry authorises there
    await h.dispatch(h.tasks.inQueue(QUEUES.authorize)[0]!);
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'succeeded', authorization: { processor: 'sandbox_processor' } });
  });

  it('given a timeout after the first processor authorised, then the retry finds that authorisation by look-up and never asks the second', async () => {
    const h = paymentsHarness({ processors: BOTH });
    h.processor.nextAuthorize({ ...transient(), tookEffect: { approved: true, authorizationId: 'auth_first', card: TEST_CARD } });
    const id = await create(h);
    await expect(h.settle()).rejects.toThrow('processor timed out');
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'processing', attempts: [expect.objectContaining({ processor: 'sandbox_processor', outcome: 'unknown' })] });
    // the retry: the second processor is up, but the unknown attempt is settled first
    await h.dispatch(h.tasks.inQueue(QUEUES.authorize)[0]!);
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'succeeded', authorization: { id: 'auth_first', processor: 'sandbox_processor' } });
    expect(authorizedAt(h)).toEqual(['sandbox_processor']);
    expect(h.processor.callsTo('lookup').map((c) => c.request)).toEqual([{ processor: 'sandbox_processor', livemode: false, reference: id }]);
  });

  it('given a timeout that took no effect, then the look-up finds nothing and routing starts again', async () => {
    const h = paymentsHarness({ processors: BOTH });
    h.processor.nextAuthorize(transient());
    const id = await create(h);
    await expect(h.settle()).rejects.toThrow();
    await h.dispatch(h.tasks.inQueue(QUEUES.authorize)[0]!);
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'succeeded', authorization: { processor: 'sandbox_processor' } });
    expect((await h.payments.getPayment(id))!.attempts.map((a) => a.outcome)).toEqual(['unknown', 'authorized']);
  });

  it('given a soft decline and a merchant that allows a retry, then the second processor is tried once; a hard decline is final', async () => {
    const retrying = { route: async () => ({ candidates: BOTH, retrySoftDeclines: true, reason: 'test' }) };
    const h = paymentsHarness({ processors: BOTH, router: retrying });
    h.processor.nextAuthorize(declined('try_again_later', 'Try again later.'));
    const soft = await create(h);
    await h.settle();
    expect(await h.payments.getPayment(soft)).toMatchObject({ status: 'succeeded', authorization: { processor: 'euro_acquirer' } });
    h.processor.nextAuthorize(declined('insufficient_funds'));
    const hard = await create(h, { amount: 2_000 });
    await h.settle();
    expect(await h.payments.getPayment(hard)).toMatchObject({ status: 'failed', lastError: { code: 'insufficient_funds' }, attempts: [expect.objectContaining({ outcome: 'declined' })] });
  });

  it('given every processor refuses the connection, then the payment waits (the task retries) with its attempts recorded', async () => {
    const h = paymentsHarness({ processors: BOTH });
    h.processor.nextAuthorize(notReached(), notReached());
    const id = await create(h);
    await expect(h.settle()).rejects.toThrow();
    expect((await h.payments.getPayment(id))!.attempts.map((a) => [a.processor, a.outcome])).toEqual([
      ['sandbox_processor', 'not_reached'],
      ['euro_acquirer', 'not_reached'],
    ]);
  });
});

describe('captures a processor confirms later', () => {
  it('given the capture is accepted as pending, then the payment waits, and the confirmed capture is applied once with its ledger journal', async () => {
    const h = paymentsHarness({ processors: BOTH });
    h.processor.nextCapture({ pending: true, captureId: 'cap_pending_1' });
    const id = await create(h);
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'processing', stage: 'capturing', capturePending: { captureId: 'cap_pending_1' } });
    expect(h.payments.journals()).toEqual([]);
    // before the processor confirms, the capture step only looks it up
    expect(await executeCapture(h.deps, id)).toMatchObject({ detail: 'capture_pending' });
    expect(h.processor.callsTo('capture')).toHaveLength(1);
    // once confirmed, it succeeds with the processor's capture id and the journal
    h.processor.confirm('sandbox_processor', id);
    await executeCapture(h.deps, id);
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'succeeded', captureId: 'cap_pending_1', amountCaptured: 10_000 });
    expect(h.payments.journals()).toHaveLength(1);
    await executeCapture(h.deps, id);
    expect(h.payments.journals()).toHaveLength(1);
  });
});
