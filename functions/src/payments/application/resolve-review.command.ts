import { ApiError } from '../../shared/api-error';
import { Clock } from '../../shared/clock';
import { err, ok, Result } from '../../shared/result';
import { Payment } from '../domain/payment';
import { approveReview, rejectReview } from '../domain/payment.decisions';
import { MerchantContext } from './create-payment.command';
import { PaymentsTransaction } from './payment.repository';
import { toWireEvents } from './payment-event.mapper';
import { ownedBy, paymentNotFound, toApiError } from './payment-errors.mapper';

/** An analyst's decision on a payment held by a gate: approve continues the chain, reject fails it. */
export async function resolveReview(
  deps: { clock: Clock },
  tx: PaymentsTransaction,
  merchant: MerchantContext,
  input: { paymentId: string; action: 'approve' } | { paymentId: string; action: 'reject'; code: string; message: string },
): Promise<Result<Payment, ApiError>> {
  const payment = ownedBy(await tx.getPayment(input.paymentId), merchant);
  if (!payment) return err(paymentNotFound(input.paymentId));
  const nowMs = deps.clock.nowMs();
  const decision = input.action === 'approve' ? approveReview(payment, nowMs) : rejectReview(payment, input.code, input.message, nowMs);
  if (!decision.ok) return err(toApiError(decision.error));
  tx.savePayment(decision.value.payment);
  tx.appendEvents(toWireEvents(decision.value.payment, decision.value.events, nowMs));
  return ok(decision.value.payment);
}
