import type { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { createRefund } from '../../payments/application/create-refund.command';
import type { MerchantContext } from '../../payments/application/create-payment.command';
import { ownedBy, paymentNotFound } from '../../payments/application/payment-errors.mapper';
import type { PaymentRepository, PaymentsTransaction } from '../../payments/application/payment.repository';
import { done, dropped, type HandlerOutcome } from '../../payments/application/task-outcome';
import { authorizationOf, refundableAmount, type Payment } from '../../payments/domain/payment';
import type { MerchantCommandDeps } from '../../payments/application/decide-for-merchant';
import { addMinor } from '../../shared/money';
import type { ApiError } from '../../shared/api-error';
import { ok, type Result } from '../../shared/result';
import type { CardLookup } from './card-lookup.gateway';
import type { FraudHistoryStore } from './fraud-history.store';

/** Issuer answers that say something about the card; processing errors say nothing and are not counted. */
export const DECLINE_CODES: ReadonlySet<string> = new Set(['card_declined', 'insufficient_funds']);

async function fingerprintOf(cards: CardLookup, payment: Payment): Promise<string | undefined> {
  // The lookup is what the gate scored with, so prefer it; the authorisation's card is the same card.
  return (await cards.lookup(payment.paymentMethod, payment.livemode))?.fingerprint ?? authorizationOf(payment)?.card.fingerprint;
}

/**
 * Feeds the fraud history from outcomes: declines_card_24h from payment.failed events (the per-payment
 * marker makes redelivery harmless), and a chargeback (dispute.funds_withdrawn) puts the payment's card,
 * e-mail and IP on the merchant's block list as a fraud report would (sets: a redelivery adds nothing).
 */
export async function recordFraudOutcome(deps: { payments: PaymentRepository; cards: CardLookup; history: FraudHistoryStore }, event: PaymentEventV1): Promise<HandlerOutcome> {
  if (event.type === 'dispute.funds_withdrawn') return recordChargeback(deps, event.data.payment_id);
  if (event.type !== 'payment.failed' || !DECLINE_CODES.has(event.data.code ?? '')) return done('not_a_decline');
  const payment = await deps.payments.getPayment(event.data.payment_id);
  if (!payment) return dropped('payment_not_found');
  const fingerprint = await fingerprintOf(deps.cards, payment);
  if (!fingerprint) return done('card_unknown');
  const counted = await deps.history.recordDecline(payment.id, fingerprint, payment.updatedMs, payment.livemode);
  return done(counted ? 'decline_counted' : 'already_counted');
}

async function recordChargeback(deps: { payments: PaymentRepository; cards: CardLookup; history: FraudHistoryStore }, paymentId: string): Promise<HandlerOutcome> {
  const payment = await deps.payments.getPayment(paymentId);
  if (!payment) return dropped('payment_not_found');
  await deps.history.markKnownBad({ merchantId: payment.merchantId, livemode: payment.livemode, cardFingerprint: await fingerprintOf(deps.cards, payment), email: payment.customer?.email, ip: payment.customer?.ip });
  return done('chargeback_marked_known_bad');
}

/**
 * A merchant's fraud report, first half, before the payment transaction (a transaction body has no
 * side effects): the card, e-mail and IP go on that merchant's own block list in the payment's mode
 * (other merchants see a live report only as a risk feature, once several agree). The lists are sets,
 * so a retried request adds nothing.
 */
export async function listReportedPayment(
  deps: { payments: Pick<PaymentRepository, 'getPayment'>; cards: CardLookup; history: FraudHistoryStore },
  merchant: MerchantContext,
  paymentId: string,
): Promise<Result<void, ApiError>> {
  const payment = ownedBy(await deps.payments.getPayment(paymentId), merchant);
  if (!payment) return { ok: false, error: paymentNotFound(paymentId) };
  await deps.history.markKnownBad({
    merchantId: payment.merchantId,
    livemode: payment.livemode,
    cardFingerprint: await fingerprintOf(deps.cards, payment),
    email: payment.customer?.email,
    ip: payment.customer?.ip,
  });
  return ok(undefined);
}

/**
 * A merchant's fraud report, second half, in the caller's transaction: a captured payment is refunded
 * in full through the ordinary refund command. Reporting again changes nothing more: a refunded payment
 * has nothing left.
 */
export async function reportFraud(
  deps: MerchantCommandDeps,
  tx: PaymentsTransaction,
  merchant: MerchantContext,
  paymentId: string,
): Promise<Result<Payment, ApiError>> {
  const payment = ownedBy(await tx.getPayment(paymentId), merchant);
  if (!payment) return { ok: false, error: paymentNotFound(paymentId) };
  if (payment.status !== 'succeeded' || refundableAmount(payment) <= 0) return ok(payment);
  const refund = await createRefund(deps, tx, merchant, { payment: paymentId });
  if (!refund.ok) return refund;
  // The payment as this commit leaves it: the refund's amount reserved.
  return ok({ ...payment, amountRefunded: addMinor(payment.amountRefunded, refund.value.amount), updatedMs: refund.value.createdMs });
}
