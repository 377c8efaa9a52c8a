import { PaymentObject, RefundObject } from '../../contracts/payments-api.v1';
import { toUnixSeconds } from '../../shared/clock';
import { amountsOf, authorizationOf, lastErrorOf, Payment } from '../domain/payment';
import { Refund } from '../domain/refund';

// The merchant-facing shape. Internal fields (stage, gates, processor ids, customer data) stay inside.
export const presentPayment = (p: Payment): PaymentObject => {
  const amounts = amountsOf(p);
  const card = authorizationOf(p)?.card;
  return {
    id: p.id,
    object: 'payment',
    amount: p.amount,
    amount_capturable: amounts.amountCapturable,
    amount_captured: amounts.amountCaptured,
    amount_refunded: amounts.amountRefunded,
    currency: p.currency,
    status: p.status,
    capture_method: p.captureMethod,
    payment_method: p.paymentMethod,
    description: p.description,
    created: toUnixSeconds(p.createdMs),
    livemode: p.livemode,
    metadata: { ...p.metadata },
    last_error: lastErrorOf(p),
    card: card ? { brand: card.brand, last4: card.last4, country: card.country } : null,
    risk: p.risk ? { ...p.risk, reasons: [...p.risk.reasons] } : null,
    processor: authorizationOf(p)?.processor ?? null,
    attempts: p.attempts.map((a) => ({ processor: a.processor, outcome: a.outcome, code: a.code, latency_ms: Math.round(a.latencyMs), created: toUnixSeconds(a.atMs) })),
  };
};

export const presentRefund = (r: Refund): RefundObject => ({
  id: r.id,
  object: 'refund',
  amount: r.amount,
  currency: r.currency,
  payment: r.paymentId,
  status: r.status,
  failure_reason: r.failureReason,
  created: toUnixSeconds(r.createdMs),
  metadata: { ...r.metadata },
});
