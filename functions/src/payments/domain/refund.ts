import { MinorUnits, minorUnits } from '../../shared/money';
import { err, ok, Result } from '../../shared/result';
import { Payment, refundableAmount } from './payment';
import { PaymentEvent } from './payment.events';
import { PaymentDecisionError, unexpectedState } from './payment.errors';

export type RefundStatus = 'pending' | 'succeeded' | 'failed';

export interface Refund {
  readonly id: string;
  readonly paymentId: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly amount: MinorUnits;
  readonly currency: string;
  readonly status: RefundStatus;
  readonly processorRefundId: string | null;
  readonly failureReason: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly createdMs: number;
  readonly updatedMs: number;
}

/** A refund's new state and the events it records; the payment follows from the events (evolve). */
export interface RefundDecision {
  readonly refund: Refund;
  readonly events: readonly PaymentEvent[];
}

// The refunded amount is reserved on the payment when the refund is requested (refund.created
// evolves the payment), so two concurrent refunds can never together exceed what was captured.
export function requestRefund(
  payment: Payment,
  input: { refundId: string; amount?: number; metadata: Record<string, string>; nowMs: number },
): Result<RefundDecision, PaymentDecisionError> {
  if (payment.status !== 'succeeded') return err(unexpectedState('refunded', payment.status));
  // A chargeback already returned the money to the cardholder: a refund would pay them twice.
  if (payment.disputed) return err({ code: 'charge_disputed', message: `Payment ${payment.id} has been charged back (disputed); it cannot be refunded.` });
  const remaining = refundableAmount(payment);
  if (remaining <= 0) return err({ code: 'charge_already_refunded', message: `Payment ${payment.id} has already been refunded in full.` });
  const amount = minorUnits(input.amount ?? remaining);
  if (amount > remaining) {
    return err({ code: 'amount_too_large', param: 'amount', message: `Refund amount ${amount} is greater than the unrefunded amount ${remaining}.` });
  }
  const refund: Refund = {
    id: input.refundId,
    paymentId: payment.id,
    merchantId: payment.merchantId,
    livemode: payment.livemode,
    amount,
    currency: payment.currency,
    status: 'pending',
    processorRefundId: null,
    failureReason: null,
    metadata: input.metadata,
    createdMs: input.nowMs,
    updatedMs: input.nowMs,
  };
  return ok({ refund, events: [{ type: 'refund.created', paymentId: payment.id, refundId: refund.id, amount }] });
}

export type RefundOutcome = { readonly refunded: true; readonly processorRefundId: string } | { readonly refunded: false; readonly code: string };

/** The processor accepted the refund and confirms it later: the refund stays pending, now with the processor's id. */
export const markRefundPending = (refund: Refund, processorRefundId: string, nowMs: number): Refund => ({ ...refund, processorRefundId, updatedMs: nowMs });

/** The processor's answer, once: a redelivered task finds the refund final and decides nothing. */
export function applyRefundOutcome(refund: Refund, outcome: RefundOutcome, nowMs: number): RefundDecision {
  if (refund.status !== 'pending') return { refund, events: [] };
  if (outcome.refunded) {
    const done: Refund = { ...refund, status: 'succeeded', processorRefundId: outcome.processorRefundId, updatedMs: nowMs };
    return { refund: done, events: [{ type: 'refund.succeeded', paymentId: refund.paymentId, refundId: refund.id }] };
  }
  const failed: Refund = { ...refund, status: 'failed', failureReason: outcome.code, updatedMs: nowMs };
  return { refund: failed, events: [{ type: 'refund.failed', paymentId: refund.paymentId, refundId: refund.id, amount: refund.amount, code: outcome.code }] };
}
