import { ApiError } from '../../shared/api-error';
import { Result } from '../../shared/result';
import { Payment } from '../domain/payment';
import { MerchantContext } from './create-payment.command';
import { decideForMerchant, MerchantCommandDeps } from './decide-for-merchant';
import { PaymentsTransaction } from './payment.repository';

// The hold on the card is released by the void task this commit hands over.
export function cancelPayment(deps: MerchantCommandDeps, tx: PaymentsTransaction, merchant: MerchantContext, input: { paymentId: string }): Promise<Result<Payment, ApiError>> {
  return decideForMerchant(deps, tx, merchant, input.paymentId, { kind: 'cancel' });
}
