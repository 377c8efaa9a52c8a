import { QUEUES } from '../../../contracts/payment-tasks.v1';
import { createPayment } from '../create-payment.command';
import { GateCheck } from '../payment-gates';
import { runPaymentGate } from '../run-payment-gate.command';
import { aCreatePaymentRequest, MERCHANT } from './payment-builders';
import { paymentsHarness } from './payments-harness';

/** A payment held for review (`requires_review`) by a gate of the given name, with the harness that holds it. */
export async function paymentHeldBy(gateName: string) {
  const gate: GateCheck = { name: gateName, check: async () => ({ decision: 'review' }) };
  const h = paymentsHarness({
    gates: [{ name: gateName, queue: QUEUES.authorize }],
    onGateTask: async (task) => void (await runPaymentGate(h.deps, gate, String(task.payload.payment_id))),
  });
  const created = await h.run((tx) => createPayment(h.deps, tx, MERCHANT, aCreatePaymentRequest()));
  if (!created.ok) throw new Error('expected a payment');
  await h.settle();
  return { h, id: created.value.id };
}
