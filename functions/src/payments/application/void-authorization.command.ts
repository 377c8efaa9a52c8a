import { Clock } from '../../shared/clock';
import { decide, nextStep } from '../domain/payment.decider';
import { PaymentGate } from './payment-gates';
import { PaymentRepository } from './payment.repository';
import { ProcessorGateway } from './processor.gateway';
import { recordPaymentEvents } from './record-payment-events';
import { done, dropped, HandlerOutcome } from './task-outcome';

// Runs as a Cloud Task after a cancel (and, re-enqueued by the sweep, until the processor has
// answered): releases the hold on the customer's card. The key void_<paymentId> makes it
// once-only. A payment that fails after authorisation is voided inline by its step instead.
export async function voidAuthorization(
  deps: { payments: PaymentRepository; processor: ProcessorGateway; clock: Clock; gates: readonly PaymentGate[] },
  paymentId: string,
): Promise<HandlerOutcome> {
  const payment = await deps.payments.getPayment(paymentId);
  if (!payment) return dropped('payment_not_found');
  const step = nextStep(payment, []);
  if (step.kind !== 'void') return dropped('nothing_to_void');
  const result = await deps.processor.void({ processor: step.authorization.processor, livemode: payment.livemode, idempotencyKey: `void_${paymentId}`, authorizationId: step.authorization.id, reference: paymentId });
  // The processor answered (released, or nothing left to release): no void is owed any more.
  await deps.payments.transaction(async (tx) => {
    const fresh = await tx.getPayment(paymentId);
    if (!fresh) return;
    const decision = decide(fresh, { kind: 'record_hold_released' });
    if (decision.ok) recordPaymentEvents(tx, fresh, decision.value, { nowMs: deps.clock.nowMs(), gates: deps.gates });
  });
  return result.voided ? done('voided') : dropped(result.code ?? 'void_refused');
}
