import { CreatePaymentRequest } from '../../contracts/payments-api.v1';
import { ApiError } from '../../shared/api-error';
import { Clock } from '../../shared/clock';
import { newId } from '../../shared/ids';
import { money } from '../../shared/money';
import { ok, Result } from '../../shared/result';
import { openPayment, Payment } from '../domain/payment';
import { PaymentsTransaction } from './payment.repository';
import { toWireEvents } from './payment-event.mapper';

export interface MerchantContext {
  readonly merchantId: string;
  readonly livemode: boolean;
}

// Creation only records the intent; gates, authorisation and capture run asynchronously, started
// by the payment.created event written in the same transaction.
export async function createPayment(
  deps: { clock: Clock },
  tx: PaymentsTransaction,
  merchant: MerchantContext,
  request: CreatePaymentRequest,
): Promise<Result<Payment, ApiError>> {
  const nowMs = deps.clock.nowMs();
  const payment = openPayment({
    id: newId('pay'),
    merchantId: merchant.merchantId,
    livemode: merchant.livemode,
    amount: money(request.amount, request.currency),
    captureMethod: request.capture_method,
    paymentMethod: request.payment_method,
    customer: request.customer ?? null,
    description: request.description ?? null,
    metadata: request.metadata ?? {},
    nowMs,
  });
  tx.savePayment(payment);
  tx.appendEvents(toWireEvents(payment, [{ type: 'payment.created', paymentId: payment.id }], nowMs));
  return ok(payment);
}
