import { createPayment } from './create-payment.command';
import { createRefund } from './create-refund.command';
import { syncProcessorStatus } from './sync-processor-status.command';
import { aCreatePaymentRequest, MERCHANT } from './testing/payment-builders';
import { paymentsHarness, PaymentsHarness } from './testing/payments-harness';

const MINUTE = 60_000;
const sync = (h: PaymentsHarness) => syncProcessorStatus({ ...h.deps, stuck: h.payments }, { pendingForMs: MINUTE, limit: 100, nowMs: h.clock.nowMs() });

async function pendingCapture(h: PaymentsHarness) {
  h.processor.nextCapture({ pending: true, captureId: 'cap_later' });
  const result = await h.run((tx) => createPayment(h.deps, tx, MERCHANT, aCreatePaymentRequest()));
  if (!result.ok) throw new Error('not created');
  await h.settle();
  return result.value.id;
}

describe('processor status sync', () => {
  it('given a capture confirmed at the processor whose notification never came, then the sync applies it once the bound has passed', async () => {
    const h = paymentsHarness();
    const id = await pendingCapture(h);
    h.processor.confirm('sandbox_processor', id);
    // within the bound: left to the notification
    expect(await sync(h)).toEqual({ examined: 0, settled: 0, stillPending: 0 });
    h.clock.advance(2 * MINUTE);
    expect(await sync(h)).toEqual({ examined: 1, settled: 1, stillPending: 0 });
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'succeeded', captureId: 'cap_later' });
    expect(h.processor.callsTo('capture')).toHaveLength(1);
  });

  it('given a capture still pending at the processor, then it stays pending and is asked again next time', async () => {
    const h = paymentsHarness();
    const id = await pendingCapture(h);
    h.clock.advance(2 * MINUTE);
    expect(await sync(h)).toEqual({ examined: 1, settled: 0, stillPending: 1 });
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'processing', capturePending: { captureId: 'cap_later' } });
  });

  it('given a refund accepted to confirm later, then the sync applies its confirmation with the refund journal', async () => {
    const h = paymentsHarness();
    const paid = await h.run((tx) => createPayment(h.deps, tx, MERCHANT, aCreatePaymentRequest()));
    if (!paid.ok) throw new Error('not created');
    await h.settle();
    h.processor.nextRefund({ pending: true, processorRefundId: 'pr_later' });
    const refund = await h.run((tx) => createRefund(h.deps, tx, MERCHANT, { payment: paid.value.id, amount: 4_000, metadata: {} }));
    if (!refund.ok) throw new Error('refund not created');
    await h.settle();
    expect(await h.payments.getRefund(refund.value.id)).toMatchObject({ status: 'pending', processorRefundId: 'pr_later' });
    h.processor.confirm('sandbox_processor', refund.value.id);
    h.clock.advance(2 * MINUTE);
    expect(await sync(h)).toMatchObject({ settled: 1 });
    expect(await h.payments.getRefund(refund.value.id)).toMatchObject({ status: 'succeeded', processorRefundId: 'pr_later' });
    expect(h.payments.journals().filter((j) => j.kind === 'refund')).toHaveLength(1);
  });
});
