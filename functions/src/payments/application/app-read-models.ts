import type { PaymentObject } from '../../contracts/payments-api.v1';
import { toUnixSeconds } from '../../shared/clock';
import { amountsOf, authorizationOf, type Payment } from '../domain/payment';
import type { Refund } from '../domain/refund';
import type { Dispute } from '../domain/dispute';
import { presentDispute } from './dispute.presenter';
import { presentPayment, presentRefund } from './payment.presenter';

// What the mobile apps read through Firestore (the rules decide who): written with the payment in the
// same commit, in the shape each screen needs, so the app never joins and never sees a stored payment
// (customer data, processor ids, gates). The merchant's team sees the API object; an end user sees
// a smaller view of their own payments; analysts see open reviews.

/** `app_payments/{id}`: the payment as the API shows it (without the processor routing, which is the integration's business), with what the rules filter on. */
export const appPaymentDocument = (p: Payment) => {
  const { processor: _processor, attempts: _attempts, ...payment } = presentPayment(p);
  return { merchantId: p.merchantId, livemode: p.livemode, status: p.status, createdMs: p.createdMs, updatedMs: p.updatedMs, payment: payment as PaymentObject };
};

/** `app_refunds/{id}`: the refund as the API shows it. */
export const appRefundDocument = (r: Refund) => ({ merchantId: r.merchantId, livemode: r.livemode, status: r.status, createdMs: r.createdMs, updatedMs: r.updatedMs, refund: presentRefund(r) });

/**
 * `app_disputes/{id}`: the dispute as the API shows it (without the processor), as of its last change:
 * `evidence_details.past_due` is that moment's; the app compares `due_by` with its own clock.
 */
export const appDisputeDocument = (d: Dispute) => {
  const { processor: _processor, ...dispute } = presentDispute(d, d.updatedMs);
  return { merchantId: d.merchantId, livemode: d.livemode, status: d.status, createdMs: d.createdMs, updatedMs: d.updatedMs, dispute };
};

/** `app_customer_payments/{id}`: an end user's own payment (linked by `customer.id`): no risk, no metadata, no review. */
export function appCustomerPaymentDocument(p: Payment) {
  const customerId = p.customer?.id;
  if (!customerId) return null;
  const card = authorizationOf(p)?.card;
  return {
    merchantId: p.merchantId,
    livemode: p.livemode,
    customerId,
    createdMs: p.createdMs,
    payment: {
      id: p.id,
      amount: p.amount,
      amount_refunded: amountsOf(p).amountRefunded,
      currency: p.currency,
      // A payment held for review is simply still processing to its payer.
      status: p.status === 'requires_review' ? 'processing' : p.status,
      description: p.description,
      created: toUnixSeconds(p.createdMs),
      card: card ? { brand: card.brand, last4: card.last4 } : null,
    },
  };
}

/**
 * `app_reviews/{id}`: the merchant's fraud reviews (analysts): open while the payment waits for one,
 * closed once it moved on. Sanctions holds are compliance's, not the merchant's, and never appear.
 */
export function appReviewDocument(p: Payment) {
  const open = p.status === 'requires_review';
  if (open ? p.reviewGate === 'sanctions' : p.risk?.decision !== 'review') return null;
  return {
    merchantId: p.merchantId,
    livemode: p.livemode,
    open,
    createdMs: p.createdMs,
    updatedMs: p.updatedMs,
    review: { payment: p.id, amount: p.amount, currency: p.currency, status: p.status, reasons: [...(p.risk?.reasons ?? [])], score: p.risk?.score ?? null },
  };
}
