import { PaymentObject, RefundObject } from '../../contracts/payments-api.v1';
import { toUnixSeconds } from '../../shared/clock';
import { Payment } from '../domain/payment';
import { Refund } from '../domain/refund';

// The merchant-facing shape. Internal fields (stage, gates, processor ids, customer data) stay inside.
export const presentPayment = (p: Payment): PaymentObject => ({
  id: p.id,
  object: 'payment',
  amount: p.amount,
  amount_capturable: p.amountCapturable,
  amount_captured: p.amountCaptured,
  amount_refunded: p.amountRefunded,
  currency: p.currency,
  status: p.status,
  capture_method: p.captureMethod,
  payment_method: p.paymentMethod,
  description: p.description,
  created: toUnixSeconds(p.createdMs),
  livemode: p.livemode,
  metadata: { ...p.metadata },
  last_error: p.lastError,
  card: p.authorization ? { brand: p.authorization.card.brand, last4: p.authorization.card.last4, country: p.authorization.card.country } : null,
  risk: p.risk ? { ...p.risk, reasons: [...p.risk.reasons] } : null,
});

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
