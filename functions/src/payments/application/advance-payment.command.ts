import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { QUEUES } from '../../contracts/payment-tasks.v1';
import { nextStep } from '../domain/payment.decisions';
import { gateNames, PaymentGate } from './payment-gates';
import { PaymentRepository } from './payment.repository';
import { TaskQueue } from './task-queue';
import { done, dropped, HandlerOutcome } from './task-outcome';

// Turns payment events into the next unit of work. Every enqueue is a named task, so a redelivered
// event finds the task already there and nothing runs twice; no Firestore write is needed here.
export async function advancePayment(
  deps: { payments: PaymentRepository; tasks: TaskQueue; gates: readonly PaymentGate[] },
  event: PaymentEventV1,
): Promise<HandlerOutcome> {
  const paymentId = event.data.payment_id;
  switch (event.type) {
    case 'payment.created':
    case 'payment.gate_passed': {
      const payment = await deps.payments.getPayment(paymentId);
      if (!payment) return dropped('payment_not_found');
      const step = nextStep(payment, gateNames(deps.gates));
      if (step.kind === 'none') return done('nothing_to_do');
      if (step.kind === 'gate') {
        const gate = deps.gates.find((g) => g.name === step.gate)!;
        return done(await deps.tasks.enqueue(gate.queue, `${gate.name}-${paymentId}`, { payment_id: paymentId }));
      }
      return done(await deps.tasks.enqueue(QUEUES.authorize, `authorize-${paymentId}`, { payment_id: paymentId }));
    }
    case 'payment.capture_requested':
      return done(await deps.tasks.enqueue(QUEUES.capture, `capture-${paymentId}`, { payment_id: paymentId }));
    case 'payment.canceled':
      if (!event.data.authorization_id) return done('no_authorization');
      return done(await deps.tasks.enqueue(QUEUES.void, `void-${paymentId}`, { payment_id: paymentId }));
    case 'refund.created':
      if (!event.data.refund_id) return dropped('refund_id_missing');
      return done(await deps.tasks.enqueue(QUEUES.refund, `refund-${event.data.refund_id}`, { refund_id: event.data.refund_id }));
    default:
      return done('not_for_this_consumer');
  }
}
