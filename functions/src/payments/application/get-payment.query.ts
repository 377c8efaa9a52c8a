import { ApiError } from '../../shared/api-error';
import { err, ok, Result } from '../../shared/result';
import { Payment } from '../domain/payment';
import { MerchantContext } from './create-payment.command';
import { PaymentRepository } from './payment.repository';
import { ownedBy, paymentNotFound } from './payment-errors.mapper';

export async function getPayment(payments: PaymentRepository, merchant: MerchantContext, paymentId: string): Promise<Result<Payment, ApiError>> {
  const payment = ownedBy(await payments.getPayment(paymentId), merchant);
  return payment ? ok(payment) : err(paymentNotFound(paymentId));
}
