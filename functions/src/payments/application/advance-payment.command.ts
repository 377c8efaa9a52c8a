import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { QUEUES } from '../../contracts/payment-tasks.v1';
import { PaymentGate } from './payment-gates';
import { TaskQueue } from './task-queue';
import { done, dropped, HandlerOutcome } from './task-outcome';

// Turns payment events into the next unit of work. Every enqueue is a named task, so a redelivered
// event finds the task already there and nothing runs twice. The next step follows from the event
// alone (no read): each task handler checks the payment's state before it acts, so a step enqueued
// for a payment that has moved on does nothing.
export async function advancePayment(deps: { tasks: TaskQueue; gates: readonly PaymentGate[] }, event: PaymentEventV1): Promise<HandlerOutcome> {
  const paymentId = event.data.payment_id;
  switch (event.type) {
    case 'payment.created':
    case 'payment.gate_passed': {
      const step = stepAfter(event.type === 'payment.created' ? null : (event.data.gate ?? null), deps.gates);
      if (step.kind === 'gate') {
        return done(await deps.tasks.enqueue(step.gate.queue, `${step.gate.name}-${paymentId}`, { payment_id: paymentId }));
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

/** The gate after the one that just passed (null: the chain's start), or authorisation. */
function stepAfter(passed: string | null, gates: readonly PaymentGate[]): { kind: 'gate'; gate: PaymentGate } | { kind: 'authorize' } {
  const index = passed === null ? -1 : gates.findIndex((gate) => gate.name === passed);
  const next = gates[index + 1];
  return next ? { kind: 'gate', gate: next } : { kind: 'authorize' };
}
