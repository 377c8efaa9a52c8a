import { ApiError, notFound } from '../../shared/api-error';
import { err, ok, Result } from '../../shared/result';
import { Dispute } from '../domain/dispute';
import { MerchantContext } from './create-payment.command';
import { DisputePage, PaymentRepository } from './payment.repository';
import { ownedBy } from './payment-errors.mapper';

export const disputeNotFound = (id: string): ApiError => notFound('dispute', id);

export async function getDispute(payments: Pick<PaymentRepository, 'getDispute'>, merchant: MerchantContext, disputeId: string): Promise<Result<Dispute, ApiError>> {
  const dispute = ownedBy(await payments.getDispute(disputeId), merchant);
  return dispute ? ok(dispute) : err(disputeNotFound(disputeId));
}

/** The merchant's disputes in the key's mode, newest first, optionally of one payment. */
export function listDisputes(payments: Pick<PaymentRepository, 'listDisputes'>, merchant: MerchantContext, page: { limit: number; startingAfter?: string; paymentId?: string }): Promise<DisputePage> {
  return payments.listDisputes(merchant.merchantId, merchant.livemode, page);
}
