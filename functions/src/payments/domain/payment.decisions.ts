import { err, ok, Result } from '../../shared/result';
import { CardDetails, Payment } from './payment';
import { PaymentEvent } from './payment.events';
import { PaymentDecisionError, unexpectedState } from './payment.errors';

export interface Decision {
  readonly payment: Payment;
  readonly events: readonly PaymentEvent[];
}

export type NextStep = { readonly kind: 'gate'; readonly gate: string } | { readonly kind: 'authorize' } | { readonly kind: 'none' };

/** Gates (fraud, compliance…) run in order before the processor sees the payment. */
export function nextStep(payment: Payment, gates: readonly string[]): NextStep {
  if (payment.status !== 'processing' || payment.stage !== 'gates') return { kind: 'none' };
  const pending = gates.find((gate) => !payment.gatesPassed.includes(gate));
  return pending ? { kind: 'gate', gate: pending } : { kind: 'authorize' };
}

export function passGate(payment: Payment, gate: string, nowMs: number): Decision {
  if (payment.status !== 'processing' || payment.stage !== 'gates' || payment.gatesPassed.includes(gate)) return { payment, events: [] };
  const next = { ...payment, gatesPassed: [...payment.gatesPassed, gate], updatedMs: nowMs };
  return { payment: next, events: [{ type: 'payment.gate_passed', paymentId: payment.id, gate }] };
}

/** A gate that is unsure parks the payment for an analyst; nothing reaches the processor meanwhile. */
export function holdForReview(payment: Payment, gate: string, nowMs: number): Decision {
  if (payment.status !== 'processing' || payment.stage !== 'gates' || payment.gatesPassed.includes(gate)) return { payment, events: [] };
  const next: Payment = { ...payment, status: 'requires_review', reviewGate: gate, updatedMs: nowMs };
  return { payment: next, events: [{ type: 'payment.review_opened', paymentId: payment.id, gate }] };
}

/** An analyst's approval counts as the gate passing: the chain continues where it stopped. */
export function approveReview(payment: Payment, nowMs: number): Result<Decision, PaymentDecisionError> {
  if (payment.status !== 'requires_review' || !payment.reviewGate) return err(unexpectedState('approved', payment.status));
  return ok(passGate({ ...payment, status: 'processing', reviewGate: null }, payment.reviewGate, nowMs));
}

export function rejectReview(payment: Payment, code: string, message: string, nowMs: number): Result<Decision, PaymentDecisionError> {
  if (payment.status !== 'requires_review') return err(unexpectedState('rejected', payment.status));
  return ok(fail({ ...payment, reviewGate: null }, code, message, nowMs));
}

/** A gate that refuses the payment ends it before any processor call. */
export function failAtGate(payment: Payment, code: string, message: string, nowMs: number): Decision {
  if (payment.status !== 'processing' || payment.stage !== 'gates') return { payment, events: [] };
  return fail(payment, code, message, nowMs);
}

export type AuthorizationOutcome =
  | { readonly approved: true; readonly authorizationId: string; readonly card: CardDetails }
  | { readonly approved: false; readonly code: string; readonly message: string };

export function applyAuthorization(payment: Payment, outcome: AuthorizationOutcome, nowMs: number): Decision {
  // A redelivered task finds the outcome already recorded and changes nothing.
  if (payment.status !== 'processing' || payment.stage === 'capturing' || payment.stage === 'done') return { payment, events: [] };
  if (!outcome.approved) return fail(payment, outcome.code, outcome.message, nowMs);
  const authorization = { id: outcome.authorizationId, card: outcome.card };
  if (payment.captureMethod === 'manual') {
    const next: Payment = { ...payment, status: 'requires_capture', stage: 'done', authorization, amountCapturable: payment.amount, updatedMs: nowMs };
    return { payment: next, events: [] };
  }
  const next: Payment = { ...payment, stage: 'capturing', authorization, captureRequested: payment.amount, updatedMs: nowMs };
  return { payment: next, events: [] };
}

export function requestCapture(payment: Payment, amountToCapture: number | undefined, nowMs: number): Result<Decision, PaymentDecisionError> {
  if (payment.status !== 'requires_capture') return err(unexpectedState('captured', payment.status));
  const amount = amountToCapture ?? payment.amountCapturable;
  if (amount > payment.amountCapturable) {
    return err({ code: 'amount_too_large', param: 'amount_to_capture', message: `amount_to_capture ${amount} exceeds the capturable amount ${payment.amountCapturable}.` });
  }
  const next: Payment = { ...payment, status: 'processing', stage: 'capturing', captureRequested: amount, updatedMs: nowMs };
  return ok({ payment: next, events: [{ type: 'payment.capture_requested', paymentId: payment.id, amount }] });
}

export type CaptureOutcome =
  | { readonly captured: true; readonly captureId: string; readonly fee: number }
  | { readonly captured: false; readonly code: string; readonly message: string };

export function applyCapture(payment: Payment, outcome: CaptureOutcome, nowMs: number): Decision {
  if (payment.status !== 'processing' || payment.stage !== 'capturing') return { payment, events: [] };
  if (!outcome.captured) return fail(payment, outcome.code, outcome.message, nowMs);
  const amountCaptured = payment.captureRequested ?? payment.amount;
  const next: Payment = {
    ...payment,
    status: 'succeeded',
    stage: 'done',
    amountCaptured,
    amountCapturable: 0,
    captureId: outcome.captureId,
    fee: outcome.fee,
    updatedMs: nowMs,
  };
  return { payment: next, events: [{ type: 'payment.succeeded', paymentId: payment.id, amountCaptured }] };
}

// Only an authorised, uncaptured payment can be canceled: before authorisation the outcome is
// not known yet, and after capture the money has moved (that is a refund).
export function cancel(payment: Payment, nowMs: number): Result<Decision, PaymentDecisionError> {
  if (payment.status !== 'requires_capture') return err(unexpectedState('canceled', payment.status));
  const owesVoid = payment.authorization ? { holdReleased: false } : {};
  const next: Payment = { ...payment, status: 'canceled', stage: 'done', amountCapturable: 0, ...owesVoid, updatedMs: nowMs };
  return ok({ payment: next, events: [{ type: 'payment.canceled', paymentId: payment.id, authorizationId: payment.authorization?.id ?? null }] });
}

/** The processor answered the void of a canceled payment's authorisation: no void is owed any more. */
export function recordHoldReleased(payment: Payment, nowMs: number): Payment {
  if (payment.status !== 'canceled' || payment.holdReleased !== false) return payment;
  return { ...payment, holdReleased: true, updatedMs: nowMs };
}

function fail(payment: Payment, code: string, message: string, nowMs: number): Decision {
  const next: Payment = { ...payment, status: 'failed', stage: 'done', amountCapturable: 0, lastError: { code, message }, updatedMs: nowMs };
  return { payment: next, events: [{ type: 'payment.failed', paymentId: payment.id, code }] };
}
