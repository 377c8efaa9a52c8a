import { ApiError } from '../../shared/api-error';
import { Result } from '../../shared/result';
import { Payment } from '../domain/payment';
import { MerchantContext } from './create-payment.command';
import { decideForMerchant, MerchantCommandDeps } from './decide-for-merchant';
import { PaymentsTransaction } from './payment.repository';

/** An analyst's decision on a payment held by a gate: approve continues the chain, reject fails it. */
export function resolveReview(
  deps: MerchantCommandDeps,
  tx: PaymentsTransaction,
  merchant: MerchantContext,
  input: { paymentId: string; action: 'approve' } | { paymentId: string; action: 'reject'; code: string; message: string },
): Promise<Result<Payment, ApiError>> {
  const command = input.action === 'approve' ? ({ kind: 'approve_review' } as const) : ({ kind: 'reject_review', code: input.code, message: input.message } as const);
  return decideForMerchant(deps, tx, merchant, input.paymentId, command);
}
