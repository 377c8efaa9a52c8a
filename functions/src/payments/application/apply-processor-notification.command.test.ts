import { COLLECTIONS } from '../../shared/firestore-collections';
import { applyProcessorNotification } from './apply-processor-notification.command';
import { createPayment } from './create-payment.command';
import { createRefund } from './create-refund.command';
import { ModificationNotification } from './processor-connector';
import { aCreatePaymentRequest, MERCHANT } from './testing/payment-builders';
import { paymentsHarness, PaymentsHarness } from './testing/payments-harness';

// A processor that confirms captures and refunds by notification (the European acquirer) may confirm
// them before the step that asked has recorded the processor's answer: such a notification is early,
// recorded nowhere, and applied when the processor delivers it again.
const ACQUIRER_ONLY = ['euro_acquirer'] as const;

let seq = 0;
const confirmation = (kind: 'capture' | 'refund', reference: string): ModificationNotification => ({
  id: `ntf_${++seq}`, kind, succeeded: true, processorReference: `psp_${kind}_${seq}`, paymentProcessorReference: 'psp_auth_1', reference, amount: 10_000, currency: 'usd', livemode: false,
});

function setup() {
  const h = paymentsHarness({ processors: ACQUIRER_ONLY });
  const notify = (n: ModificationNotification) => applyProcessorNotification({ ...h.deps, log: h.log }, 'euro_acquirer', n);
  const recorded = (n: ModificationNotification) => h.payments.record(COLLECTIONS.processorNotifications, `euro_acquirer_${n.id}`);
  return { h, notify, recorded };
}

async function created(h: PaymentsHarness): Promise<string> {
  const result = await h.run((tx) => createPayment(h.deps, tx, MERCHANT, aCreatePaymentRequest()));
  if (!result.ok) throw new Error('expected the payment to be created');
  return result.value.id;
}

describe('processor notifications that arrive before our own record', () => {
  it('given the capture confirmation arrives before the authorisation is recorded, when applied, then it is early and recorded nowhere, and its redelivery succeeds the payment', async () => {
    const { h, notify, recorded } = setup();
    const id = await created(h);
    const early = confirmation('capture', id);

    expect(await notify(early)).toBe('early');
    expect(recorded(early)).toBeNull();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'processing', stage: 'gates' });

    h.processor.nextCapture({ pending: true, captureId: 'psp_capture_pending' });
    await h.settle();
    expect(await notify(early)).toBe('applied');
    expect(recorded(early)).toMatchObject({ outcome: 'applied', kind: 'capture' });
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'succeeded', amountCaptured: 10_000 });
    expect(h.payments.journals().map((j) => j.kind)).toEqual(['capture']);
  });

  it('given a capture the processor accepted to confirm later, when the chain settles, then no capture task is owed: only the notification (or the status sync) applies it', async () => {
    const { h } = setup();
    h.processor.nextCapture({ pending: true, captureId: 'psp_capture_pending' });
    const id = await created(h);
    await h.settle();

    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'processing', stage: 'capturing', capturePending: { captureId: 'psp_capture_pending' } });
    expect(h.tasks.tasks.map((t) => t.name)).not.toContain(`capture-${id}`);
    expect(h.processor.callsTo('lookup')).toEqual([]);
  });

  it('given a refund confirmation arrives before the refund step recorded the acceptance, when applied, then it is early, and applied once redelivered', async () => {
    const { h, notify, recorded } = setup();
    const id = await created(h);
    await h.settle();
    const refund = await h.run((tx) => createRefund(h.deps, tx, MERCHANT, { payment: id }));
    if (!refund.ok) throw new Error('expected the refund to be created');
    const early = confirmation('refund', refund.value.id);

    expect(await notify(early)).toBe('early');
    expect(recorded(early)).toBeNull();

    h.processor.nextRefund({ pending: true, processorRefundId: 'psp_refund_pending' });
    await h.settle();
    expect(await h.payments.getRefund(refund.value.id)).toMatchObject({ status: 'pending', processorRefundId: 'psp_refund_pending' });
    expect(await notify(early)).toBe('applied');
    expect(await h.payments.getRefund(refund.value.id)).toMatchObject({ status: 'succeeded' });
    expect(h.payments.journals().map((j) => j.kind)).toEqual(['capture', 'refund']);
  });

  it('given the commit of a confirmation fails, when the processor delivers it again, then it is applied then: the record never commits without its effect', async () => {
    const { h, notify, recorded } = setup();
    h.processor.nextCapture({ pending: true, captureId: 'psp_capture_pending' });
    const id = await created(h);
    await h.settle();
    const confirmed = confirmation('capture', id);

    h.payments.failNextCommit();
    await expect(notify(confirmed)).rejects.toThrow('transaction aborted');
    expect(recorded(confirmed)).toBeNull();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'processing', stage: 'capturing' });

    expect(await notify(confirmed)).toBe('applied');
    expect(recorded(confirmed)).toMatchObject({ outcome: 'applied' });
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'succeeded' });
    expect(await notify(confirmed)).toBe('duplicate');
    expect(h.payments.journals().map((j) => j.kind)).toEqual(['capture']);
  });
});
