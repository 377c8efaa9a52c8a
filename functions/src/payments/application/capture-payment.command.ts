import { ApiError } from '../../shared/api-error';
import { Result } from '../../shared/result';
import { Payment } from '../domain/payment';
import { MerchantContext } from './create-payment.command';
import { decideForMerchant, MerchantCommandDeps } from './decide-for-merchant';
import { PaymentsTransaction } from './payment.repository';

// The processor call runs as the capture task this commit hands over; the answer here shows the
// payment `processing` until the capture lands.
export function capturePayment(
  deps: MerchantCommandDeps,
  tx: PaymentsTransaction,
  merchant: MerchantContext,
  input: { paymentId: string; amountToCapture?: number },
): Promise<Result<Payment, ApiError>> {
  return decideForMerchant(deps, tx, merchant, input.paymentId, { kind: 'request_capture', amountToCapture: input.amountToCapture });
}
