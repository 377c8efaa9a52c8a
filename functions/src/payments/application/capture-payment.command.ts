import { ApiError } from '../../shared/api-error';
import { Clock } from '../../shared/clock';
import { err, ok, Result } from '../../shared/result';
import { Payment } from '../domain/payment';
import { requestCapture } from '../domain/payment.decisions';
import { MerchantContext } from './create-payment.command';
import { PaymentsTransaction } from './payment.repository';
import { toWireEvents } from './payment-event.mapper';
import { ownedBy, paymentNotFound, toApiError } from './payment-errors.mapper';

// The processor call runs as a Cloud Task started by payment.capture_requested; the answer here
// shows the payment `processing` until the capture lands.
export async function capturePayment(
  deps: { clock: Clock },
  tx: PaymentsTransaction,
  merchant: MerchantContext,
  input: { paymentId: string; amountToCapture?: number },
): Promise<Result<Payment, ApiError>> {
  const payment = ownedBy(await tx.getPayment(input.paymentId), merchant);
  if (!payment) return err(paymentNotFound(input.paymentId));
  const nowMs = deps.clock.nowMs();
  const decision = requestCapture(payment, input.amountToCapture, nowMs);
  if (!decision.ok) return err(toApiError(decision.error));
  tx.savePayment(decision.value.payment);
  tx.appendEvents(toWireEvents(decision.value.payment, decision.value.events, nowMs));
  return ok(decision.value.payment);
}
