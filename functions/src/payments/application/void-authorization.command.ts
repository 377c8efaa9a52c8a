import { Clock } from '../../shared/clock';
import { recordHoldReleased } from '../domain/payment.decisions';
import { PaymentRepository } from './payment.repository';
import { ProcessorGateway } from './processor.gateway';
import { done, dropped, HandlerOutcome } from './task-outcome';

// Runs as a Cloud Task after a cancel (and, re-enqueued by the sweep, until the processor has
// answered): releases the hold on the customer's card. The key void_<paymentId> makes it
// once-only. A payment that fails after authorisation is voided inline by its step instead.
export async function voidAuthorization(deps: { payments: PaymentRepository; processor: ProcessorGateway; clock: Clock }, paymentId: string): Promise<HandlerOutcome> {
  const payment = await deps.payments.getPayment(paymentId);
  if (!payment) return dropped('payment_not_found');
  if ((payment.status !== 'canceled' && payment.status !== 'failed') || !payment.authorization) return dropped('nothing_to_void');
  const result = await deps.processor.void({ livemode: payment.livemode, idempotencyKey: `void_${paymentId}`, authorizationId: payment.authorization.id });
  // The processor answered (released, or nothing left to release): no void is owed any more.
  await deps.payments.transaction(async (tx) => {
    const fresh = await tx.getPayment(paymentId);
    const next = fresh && recordHoldReleased(fresh, deps.clock.nowMs());
    if (next && next !== fresh) tx.savePayment(next);
  });
  return result.voided ? done('voided') : dropped(result.code ?? 'void_refused');
}
