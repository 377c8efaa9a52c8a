import { QUEUES } from '../../contracts/payment-tasks.v1';
import { createPayment } from '../../payments/application/create-payment.command';
import { GateCheck } from '../../payments/application/payment-gates';
import { runPaymentGate } from '../../payments/application/run-payment-gate.command';
import { aCreatePaymentRequest, MERCHANT } from '../../payments/application/testing/payment-builders';
import { paymentsHarness } from '../../payments/application/testing/payments-harness';
import { decideReview } from './reviews.command';

// A gate of the given name that holds every payment for review.
const holdingGate = (name: string): GateCheck => ({ name, check: async () => ({ decision: 'review' }) });

async function heldBy(gateName: string) {
  const gate = holdingGate(gateName);
  const h = paymentsHarness({
    gates: [{ name: gateName, queue: QUEUES.authorize }],
    onGateTask: async (task) => void (await runPaymentGate(h.deps, gate, String(task.payload.payment_id))),
  });
  const created = await h.run((tx) => createPayment(h.deps, tx, MERCHANT, aCreatePaymentRequest()));
  if (!created.ok) throw new Error('expected a payment');
  await h.settle();
  return { h, id: created.value.id };
}

describe("merchant's review endpoint and compliance holds", () => {
  it.each(['approve', 'reject'] as const)('given a payment held by the sanctions gate, when the merchant tries to %s it, then 409 payment_held_by_compliance and it stays held', async (action) => {
    const { h, id } = await heldBy('sanctions');
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'requires_review', reviewGate: 'sanctions' });
    const result = await h.run((tx) => decideReview(h.deps, tx, MERCHANT, id, action));
    expect(result.ok ? null : { status: result.error.status, code: result.error.code }).toEqual({ status: 409, code: 'payment_held_by_compliance' });
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'requires_review', reviewGate: 'sanctions' });
    expect(h.processor.calls).toEqual([]);
  });

  it('given a payment held by the fraud gate, when the merchant approves it, then the chain continues', async () => {
    const { h, id } = await heldBy('fraud');
    expect((await h.run((tx) => decideReview(h.deps, tx, MERCHANT, id, 'approve'))).ok).toBe(true);
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'succeeded' });
  });
});
