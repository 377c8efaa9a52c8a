import { QUEUES } from '../../contracts/payment-tasks.v1';
import { TaskIntent } from '../../platform/application/task-queue';
import { assertNever } from '../../shared/result';
import { Payment } from '../domain/payment';
import { nextStep } from '../domain/payment.decider';
import { gateNames, PaymentGate } from './payment-gates';

/**
 * The named Cloud Task for the step a payment is owed (domain nextStep), or null. Names derive from
 * the payment, so Cloud Tasks itself refuses a second task for the same step; the chain's hand-off
 * and the sweep use this one function, so they can never disagree on a name.
 */
export function owedTask(payment: Payment, gates: readonly PaymentGate[]): TaskIntent | null {
  const step = nextStep(payment, gateNames(gates));
  const payload = { payment_id: payment.id };
  switch (step.kind) {
    case 'gate': {
      const gate = gates.find((g) => g.name === step.gate);
      return gate ? { queue: gate.queue, name: `${gate.name}-${payment.id}`, payload } : null;
    }
    case 'authorize':
      return { queue: QUEUES.authorize, name: `authorize-${payment.id}`, payload };
    case 'capture':
      return { queue: QUEUES.capture, name: `capture-${payment.id}`, payload };
    case 'processor_confirms':
      // Its notification, or the status sync, settles it (see nextStep).
      return null;
    case 'void':
      return { queue: QUEUES.void, name: `void-${payment.id}`, payload };
    case 'none':
      return null;
    default:
      return assertNever(step);
  }
}

export const refundTask = (refundId: string): TaskIntent => ({ queue: QUEUES.refund, name: `refund-${refundId}`, payload: { refund_id: refundId } });
