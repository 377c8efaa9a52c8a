import { MerchantContext } from './create-payment.command';
import { PaymentPage, PaymentRepository } from './payment.repository';

/** Newest first; `startingAfter` is the last id of the previous page. */
export function listPayments(payments: PaymentRepository, merchant: MerchantContext, page: { limit: number; startingAfter?: string }): Promise<PaymentPage> {
  return payments.listPayments(merchant.merchantId, merchant.livemode, page);
}
