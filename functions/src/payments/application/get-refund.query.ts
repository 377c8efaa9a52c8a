import { ApiError, notFound } from '../../shared/api-error';
import { err, ok, Result } from '../../shared/result';
import { Refund } from '../domain/refund';
import { MerchantContext } from './create-payment.command';
import { PaymentRepository } from './payment.repository';
import { ownedBy } from './payment-errors.mapper';

export async function getRefund(payments: PaymentRepository, merchant: MerchantContext, refundId: string): Promise<Result<Refund, ApiError>> {
  const refund = ownedBy(await payments.getRefund(refundId), merchant);
  return refund ? ok(refund) : err(notFound('refund', refundId));
}
