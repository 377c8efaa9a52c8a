import { ReviewList } from '../../contracts/radar-api.v1';
import { MerchantContext } from '../../payments/application/create-payment.command';
import { presentPayment } from '../../payments/application/payment.presenter';
import { PaymentRepository, PaymentsTransaction } from '../../payments/application/payment.repository';
import { resolveReview } from '../../payments/application/resolve-review.command';
import type { MerchantCommandDeps } from '../../payments/application/decide-for-merchant';
import { ownedBy } from '../../payments/application/payment-errors.mapper';
import { heldByGate, Payment } from '../../payments/domain/payment';
import { apiError, ApiError } from '../../shared/api-error';
import { Clock } from '../../shared/clock';
import { Logger } from '../../shared/logger';
import { err, Result } from '../../shared/result';
import type { z } from 'zod';
import type { ReviewsReader } from './reviews.reader';

export const REVIEW_TTL_MS = 7 * 86_400_000;
const EXPIRY_BATCH = 200;

export async function listReviews(reviews: ReviewsReader, merchant: MerchantContext, limit: number): Promise<z.infer<typeof ReviewList>> {
  const page = await reviews.openReviews(merchant.merchantId, merchant.livemode, limit);
  return { object: 'list', data: page.payments.map(presentPayment), has_more: page.hasMore, url: '/v1/reviews' };
}

/** Gates whose holds only compliance may release: the merchant's review endpoint refuses them. */
const COMPLIANCE_HELD_GATES: readonly string[] = ['sanctions'];

export async function decideReview(deps: MerchantCommandDeps, tx: PaymentsTransaction, merchant: MerchantContext, paymentId: string, action: 'approve' | 'reject'): Promise<Result<Payment, ApiError>> {
  const held = ownedBy(await tx.getPayment(paymentId), merchant);
  const gate = held && heldByGate(held);
  if (gate && COMPLIANCE_HELD_GATES.includes(gate)) {
    return err(apiError(409, 'invalid_request_error', 'payment_held_by_compliance', 'The payment is held for a compliance review and cannot be approved or rejected by the merchant.'));
  }
  return action === 'approve'
    ? resolveReview(deps, tx, merchant, { paymentId, action })
    : resolveReview(deps, tx, merchant, { paymentId, action, code: 'fraud_rejected', message: 'The payment was rejected after a fraud review.' });
}

/**
 * Rejects reviews nobody decided within 7 days (the card hold would lapse anyway). Each one commits on
 * its own; a review someone resolves meanwhile is left alone because resolveReview re-checks the status.
 */
export async function expireReviews(deps: MerchantCommandDeps & { reviews: ReviewsReader; payments: PaymentRepository; log: Logger }): Promise<{ expired: number }> {
  const stale = await deps.reviews.staleReviews(deps.clock.nowMs() - REVIEW_TTL_MS, EXPIRY_BATCH);
  let expired = 0;
  for (const payment of stale) {
    const merchant = { merchantId: payment.merchantId, livemode: payment.livemode };
    const result = await deps.payments.transaction((tx) =>
      resolveReview(deps, tx, merchant, { paymentId: payment.id, action: 'reject', code: 'review_expired', message: 'Nobody reviewed the payment within 7 days.' }),
    );
    if (result.ok) expired += 1;
    else deps.log.info('review not expired', { payment_id: payment.id, code: result.error.code });
  }
  return { expired };
}
