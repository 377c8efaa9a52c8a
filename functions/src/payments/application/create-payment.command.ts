import { CreatePaymentRequest } from '../../contracts/payments-api.v1';
import { ApiError } from '../../shared/api-error';
import { Clock } from '../../shared/clock';
import { newId } from '../../shared/ids';
import { minorUnits } from '../../shared/money';
import { ok, Result } from '../../shared/result';
import { Payment } from '../domain/payment';
import { open } from '../domain/payment.decider';
import { PaymentGate } from './payment-gates';
import { PaymentsTransaction } from './payment.repository';
import { recordPaymentEvents } from './record-payment-events';

export interface MerchantContext {
  readonly merchantId: string;
  readonly livemode: boolean;
}

// Creation only records the intent; gates, authorisation and capture run asynchronously, started
// by the first step's task, which this commit hands over.
export async function createPayment(
  deps: { clock: Clock; gates: readonly PaymentGate[] },
  tx: PaymentsTransaction,
  merchant: MerchantContext,
  request: CreatePaymentRequest,
): Promise<Result<Payment, ApiError>> {
  const nowMs = deps.clock.nowMs();
  const created = open({
    id: newId('pay'),
    merchantId: merchant.merchantId,
    livemode: merchant.livemode,
    amount: minorUnits(request.amount),
    currency: request.currency,
    captureMethod: request.capture_method,
    paymentMethod: request.payment_method,
    customer: request.customer ?? null,
    description: request.description ?? null,
    metadata: request.metadata ?? {},
    nowMs,
  });
  if (created.type !== 'payment.created') throw new Error('open() must record payment.created');
  return ok(recordPaymentEvents(tx, created.payment, [created], { nowMs, gates: deps.gates }));
}
