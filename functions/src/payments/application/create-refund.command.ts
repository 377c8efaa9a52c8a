import { CreateRefundRequest } from '../../contracts/payments-api.v1';
import { ApiError } from '../../shared/api-error';
import { Clock } from '../../shared/clock';
import { newId } from '../../shared/ids';
import { err, ok, Result } from '../../shared/result';
import { Refund, requestRefund } from '../domain/refund';
import { MerchantContext } from './create-payment.command';
import { PaymentsTransaction } from './payment.repository';
import { toWireEvents } from './payment-event.mapper';
import { ownedBy, paymentNotFound, toApiError } from './payment-errors.mapper';

export async function createRefund(
  deps: { clock: Clock },
  tx: PaymentsTransaction,
  merchant: MerchantContext,
  request: CreateRefundRequest,
): Promise<Result<Refund, ApiError>> {
  const payment = ownedBy(await tx.getPayment(request.payment), merchant);
  if (!payment) return err({ ...paymentNotFound(request.payment), param: 'payment' });
  const nowMs = deps.clock.nowMs();
  const decision = requestRefund(payment, { refundId: newId('re'), amount: request.amount, metadata: request.metadata ?? {}, nowMs });
  if (!decision.ok) return err(toApiError(decision.error));
  tx.savePayment(decision.value.payment);
  tx.saveRefund(decision.value.refund);
  tx.appendEvents(toWireEvents(decision.value.payment, decision.value.events, nowMs));
  return ok(decision.value.refund);
}
