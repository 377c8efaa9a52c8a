import { CreateRefundRequest } from '../../contracts/payments-api.v1';
import { ApiError } from '../../shared/api-error';
import { Clock } from '../../shared/clock';
import { newId } from '../../shared/ids';
import { err, ok, Result } from '../../shared/result';
import { Refund, requestRefund } from '../domain/refund';
import { MerchantContext } from './create-payment.command';
import { PaymentGate } from './payment-gates';
import { PaymentsTransaction } from './payment.repository';
import { ownedBy, paymentNotFound, toApiError } from './payment-errors.mapper';
import { refundTask } from './payment-steps';
import { recordPaymentEvents } from './record-payment-events';

// The amount is reserved on the payment in this commit, which also hands the refund's task over.
export async function createRefund(
  deps: { clock: Clock; gates: readonly PaymentGate[] },
  tx: PaymentsTransaction,
  merchant: MerchantContext,
  request: CreateRefundRequest,
): Promise<Result<Refund, ApiError>> {
  const payment = ownedBy(await tx.getPayment(request.payment), merchant);
  if (!payment) return err({ ...paymentNotFound(request.payment), param: 'payment' });
  const nowMs = deps.clock.nowMs();
  const decision = requestRefund(payment, { refundId: newId('re'), amount: request.amount, metadata: request.metadata ?? {}, nowMs });
  if (!decision.ok) return err(toApiError(decision.error));
  tx.saveRefund(decision.value.refund);
  recordPaymentEvents(tx, payment, decision.value.events, { nowMs, gates: deps.gates, refund: decision.value.refund });
  tx.handOff(refundTask(decision.value.refund.id));
  return ok(decision.value.refund);
}
