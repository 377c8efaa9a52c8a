import { QUEUES } from '../../contracts/payment-tasks.v1';
import { Clock } from '../../shared/clock';
import { applyAuthorization, nextStep } from '../domain/payment.decisions';
import { gateNames, PaymentGate } from './payment-gates';
import { PaymentRepository } from './payment.repository';
import { ProcessorGateway } from './processor.gateway';
import { TaskQueue } from './task-queue';
import { toWireEvents } from './payment-event.mapper';
import { done, dropped, HandlerOutcome } from './task-outcome';

// Runs as a Cloud Task. The processor call carries a key derived from the payment, so a retry
// after a timeout or a crash finds the first authorisation instead of making a second one.
export async function authorizePayment(
  deps: { payments: PaymentRepository; processor: ProcessorGateway; tasks: TaskQueue; clock: Clock; gates: readonly PaymentGate[] },
  paymentId: string,
): Promise<HandlerOutcome> {
  const payment = await deps.payments.getPayment(paymentId);
  if (!payment) return dropped('payment_not_found');
  if (payment.status === 'processing' && payment.stage === 'capturing') {
    // Authorised earlier, but the process may have died before the capture was enqueued.
    await deps.tasks.enqueue(QUEUES.capture, `capture-${paymentId}`, { payment_id: paymentId });
    return done('already_authorized');
  }
  if (payment.status !== 'processing') return done('already_final');
  // Never authorise a payment that a gate has not cleared.
  if (nextStep(payment, gateNames(deps.gates)).kind !== 'authorize') return dropped('gates_not_passed');

  const result = await deps.processor.authorize({
    idempotencyKey: `auth_${payment.id}`,
    token: payment.paymentMethod,
    amount: payment.amount,
    currency: payment.currency,
    reference: payment.id,
  });

  const updated = await deps.payments.transaction(async (tx) => {
    const fresh = await tx.getPayment(paymentId);
    if (!fresh) return null;
    const nowMs = deps.clock.nowMs();
    const decision = applyAuthorization(fresh, result, nowMs);
    if (decision.payment !== fresh) tx.savePayment(decision.payment);
    tx.appendEvents(toWireEvents(decision.payment, decision.events, nowMs));
    return decision.payment;
  });
  if (updated?.stage === 'capturing') {
    await deps.tasks.enqueue(QUEUES.capture, `capture-${paymentId}`, { payment_id: paymentId });
  }
  return done(updated?.status ?? 'missing');
}
