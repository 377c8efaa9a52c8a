import { PaymentRepository } from './payment.repository';
import { ProcessorGateway } from './processor.gateway';
import { done, dropped, HandlerOutcome } from './task-outcome';

// Runs as a Cloud Task after a cancel, or after a payment failed once authorised (a refused
// capture): releases the hold on the customer's card. The key void_<paymentId> makes it once-only.
export async function voidAuthorization(deps: { payments: PaymentRepository; processor: ProcessorGateway }, paymentId: string): Promise<HandlerOutcome> {
  const payment = await deps.payments.getPayment(paymentId);
  if (!payment) return dropped('payment_not_found');
  if ((payment.status !== 'canceled' && payment.status !== 'failed') || !payment.authorization) return dropped('nothing_to_void');
  const result = await deps.processor.void({ livemode: payment.livemode, idempotencyKey: `void_${paymentId}`, authorizationId: payment.authorization.id });
  return result.voided ? done('voided') : dropped(result.code ?? 'void_refused');
}
