import { platformFee } from '../../shared/fee-schedule';
import { addMinor, minorUnits } from '../../shared/money';
import { assertNever, err, ok, Result } from '../../shared/result';
import { Authorization, authorizationOf, AwaitingGates, CardDetails, NewPayment, Payment, PaymentRisk, ProcessorAttempt, ProcessorName } from './payment';
import { PaymentEvent } from './payment.events';
import { PaymentDecisionError, unexpectedState } from './payment.errors';

// The payment as a decider: `decide` turns a command and the current state into the events that
// happen (or a typed refusal), `evolve` applies an event to a state, and `nextStep` says from the
// state alone what the chain owes the payment. Application code never compares statuses itself.

export type AuthorizationOutcome =
  | { readonly approved: true; readonly authorizationId: string; readonly card: CardDetails; readonly processor: ProcessorName }
  | { readonly approved: false; readonly code: string; readonly message: string };

export type CaptureOutcome = { readonly captured: true; readonly captureId: string } | { readonly captured: false; readonly code: string; readonly message: string };

export type GateVerdictCommand = {
  readonly kind: 'record_gate_verdict';
  readonly gate: string;
  readonly risk?: PaymentRisk;
} & ({ readonly decision: 'pass' } | { readonly decision: 'review' } | { readonly decision: 'block'; readonly code: string; readonly message: string });

export type PaymentCommand =
  | GateVerdictCommand
  | { readonly kind: 'approve_review' }
  | { readonly kind: 'reject_review'; readonly code: string; readonly message: string }
  /** The outcome after the attempts that led to it (recorded on the payment with it). */
  | { readonly kind: 'record_authorization'; readonly outcome: AuthorizationOutcome; readonly attempts?: readonly ProcessorAttempt[] }
  /** Attempts whose outcome is not known yet (or that never reached a processor): kept so a retry looks them up first. */
  | { readonly kind: 'record_attempts'; readonly attempts: readonly ProcessorAttempt[] }
  | { readonly kind: 'record_capture_pending'; readonly captureId: string; readonly atMs: number }
  | { readonly kind: 'request_capture'; readonly amountToCapture?: number }
  | { readonly kind: 'record_capture'; readonly outcome: CaptureOutcome }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'record_hold_released' };

export type Decision = Result<readonly PaymentEvent[], PaymentDecisionError>;

/** The attempts a payment keeps (the latest). */
export const MAX_ATTEMPTS = 20;

/** Nothing to do: a redelivered task or a step for a payment that has moved on decides nothing. */
const nothing: Decision = ok([]);

export function open(input: NewPayment): PaymentEvent {
  const payment: AwaitingGates = {
    id: input.id,
    merchantId: input.merchantId,
    livemode: input.livemode,
    amount: input.amount,
    currency: input.currency,
    captureMethod: input.captureMethod,
    paymentMethod: input.paymentMethod,
    customer: input.customer,
    description: input.description,
    metadata: input.metadata,
    risk: null,
    attempts: [],
    createdMs: input.nowMs,
    updatedMs: input.nowMs,
    status: 'processing',
    stage: 'gates',
    gatesPassed: [],
  };
  return { type: 'payment.created', paymentId: input.id, payment };
}

export function decide(payment: Payment, command: PaymentCommand): Decision {
  const paymentId = payment.id;
  switch (command.kind) {
    case 'record_gate_verdict': {
      // Only a payment still waiting on this gate takes its verdict.
      if (payment.status !== 'processing' || payment.stage !== 'gates' || payment.gatesPassed.includes(command.gate)) return nothing;
      const assessed: PaymentEvent[] = command.risk ? [{ type: 'payment.risk_assessed', paymentId, risk: command.risk }] : [];
      switch (command.decision) {
        case 'pass':
          return ok([...assessed, { type: 'payment.gate_passed', paymentId, gate: command.gate }]);
        case 'review':
          return ok([...assessed, { type: 'payment.review_opened', paymentId, gate: command.gate }]);
        case 'block':
          return ok([...assessed, { type: 'payment.failed', paymentId, code: command.code, message: command.message }]);
        default:
          return assertNever(command);
      }
    }
    case 'approve_review':
      // An analyst's approval counts as the gate passing: the chain continues where it stopped.
      if (payment.status !== 'requires_review') return err(unexpectedState('approved', payment.status));
      return ok([{ type: 'payment.gate_passed', paymentId, gate: payment.reviewGate }]);
    case 'reject_review':
      if (payment.status !== 'requires_review') return err(unexpectedState('rejected', payment.status));
      return ok([{ type: 'payment.failed', paymentId, code: command.code, message: command.message }]);
    case 'record_authorization': {
      if (payment.status !== 'processing' || payment.stage !== 'gates') return nothing;
      const { outcome } = command;
      const attempted = (command.attempts ?? []).map((attempt): PaymentEvent => ({ type: 'payment.processor_attempted', paymentId, attempt }));
      if (!outcome.approved) return ok([...attempted, { type: 'payment.failed', paymentId, code: outcome.code, message: outcome.message }]);
      return ok([...attempted, { type: 'payment.authorized', paymentId, authorization: { id: outcome.authorizationId, card: outcome.card, processor: outcome.processor } }]);
    }
    case 'record_attempts':
      if (payment.status !== 'processing' || payment.stage !== 'gates') return nothing;
      return ok(command.attempts.map((attempt): PaymentEvent => ({ type: 'payment.processor_attempted', paymentId, attempt })));
    case 'record_capture_pending':
      // Accepted by the processor, confirmed later: recorded once, while the capture is still owed.
      if (payment.status !== 'processing' || payment.stage !== 'capturing' || payment.capturePending) return nothing;
      return ok([{ type: 'payment.capture_pending', paymentId, captureId: command.captureId, atMs: command.atMs }]);
    case 'request_capture': {
      if (payment.status !== 'requires_capture') return err(unexpectedState('captured', payment.status));
      const amount = command.amountToCapture ?? payment.amountCapturable;
      if (amount > payment.amountCapturable) {
        return err({ code: 'amount_too_large', param: 'amount_to_capture', message: `amount_to_capture ${amount} exceeds the capturable amount ${payment.amountCapturable}.` });
      }
      return ok([{ type: 'payment.capture_requested', paymentId, amount: minorUnits(amount) }]);
    }
    case 'record_capture': {
      if (payment.status !== 'processing' || payment.stage !== 'capturing') return nothing;
      const { outcome } = command;
      if (!outcome.captured) return ok([{ type: 'payment.failed', paymentId, code: outcome.code, message: outcome.message }]);
      // The platform's fee is decided with the capture, on the amount actually captured.
      const fee = minorUnits(platformFee(payment.captureRequested));
      return ok([{ type: 'payment.succeeded', paymentId, captureId: outcome.captureId, amountCaptured: payment.captureRequested, fee }]);
    }
    case 'cancel':
      // Only an authorised, uncaptured payment can be canceled: before authorisation the outcome is
      // not known yet, and after capture the money has moved (that is a refund).
      if (payment.status !== 'requires_capture') return err(unexpectedState('canceled', payment.status));
      return ok([{ type: 'payment.canceled', paymentId, authorizationId: payment.authorization.id }]);
    case 'record_hold_released':
      if (payment.status !== 'canceled' || payment.holdReleased) return nothing;
      return ok([{ type: 'payment.hold_released', paymentId }]);
    default:
      return assertNever(command);
  }
}

export function evolve(payment: Payment, event: PaymentEvent, atMs: number): Payment {
  const core = coreOf(payment, atMs);
  switch (event.type) {
    case 'payment.created':
      return event.payment;
    case 'payment.risk_assessed':
      return { ...payment, risk: event.risk, updatedMs: atMs };
    case 'payment.gate_passed':
      if (payment.status === 'processing' && payment.stage === 'gates') return { ...payment, gatesPassed: [...payment.gatesPassed, event.gate], updatedMs: atMs };
      if (payment.status === 'requires_review') return { ...core, status: 'processing', stage: 'gates', gatesPassed: [...payment.gatesPassed, event.gate] };
      return impossible(payment, event);
    case 'payment.review_opened':
      if (payment.status !== 'processing' || payment.stage !== 'gates') return impossible(payment, event);
      return { ...core, status: 'requires_review', gatesPassed: payment.gatesPassed, reviewGate: event.gate };
    case 'payment.authorized':
      if (payment.status !== 'processing' || payment.stage !== 'gates') return impossible(payment, event);
      return payment.captureMethod === 'manual'
        ? { ...core, status: 'requires_capture', authorization: event.authorization, amountCapturable: payment.amount }
        : { ...core, status: 'processing', stage: 'capturing', authorization: event.authorization, captureRequested: payment.amount, capturePending: null };
    case 'payment.capture_requested':
      if (payment.status !== 'requires_capture') return impossible(payment, event);
      return { ...core, status: 'processing', stage: 'capturing', authorization: payment.authorization, captureRequested: event.amount, capturePending: null };
    case 'payment.capture_pending':
      if (payment.status !== 'processing' || payment.stage !== 'capturing') return impossible(payment, event);
      return { ...payment, capturePending: { captureId: event.captureId, sinceMs: event.atMs }, updatedMs: atMs };
    case 'payment.processor_attempted':
      // Bounded: a processor down for hours must not grow the document with every retry.
      return { ...payment, attempts: [...payment.attempts, event.attempt].slice(-MAX_ATTEMPTS), updatedMs: atMs };
    case 'payment.succeeded':
      if (payment.status !== 'processing' || payment.stage !== 'capturing') return impossible(payment, event);
      return {
        ...core,
        status: 'succeeded',
        authorization: payment.authorization,
        captureId: event.captureId,
        amountCaptured: event.amountCaptured,
        fee: event.fee,
        amountRefunded: minorUnits(0),
      };
    case 'payment.failed':
      if (payment.status !== 'processing' && payment.status !== 'requires_review') return impossible(payment, event);
      return { ...core, status: 'failed', lastError: { code: event.code, message: event.message }, authorization: authorizationOf(payment) };
    case 'payment.canceled':
      if (payment.status !== 'requires_capture') return impossible(payment, event);
      return { ...core, status: 'canceled', authorization: payment.authorization, holdReleased: false };
    case 'payment.hold_released':
      if (payment.status !== 'canceled') return impossible(payment, event);
      return { ...payment, holdReleased: true, updatedMs: atMs };
    case 'refund.created':
      if (payment.status !== 'succeeded') return impossible(payment, event);
      return { ...payment, amountRefunded: addMinor(payment.amountRefunded, event.amount), updatedMs: atMs };
    case 'refund.succeeded':
      return payment;
    case 'refund.failed':
      // The reservation is released so the merchant can try again.
      if (payment.status !== 'succeeded') return impossible(payment, event);
      return { ...payment, amountRefunded: addMinor(payment.amountRefunded, -event.amount), updatedMs: atMs };
    default:
      return assertNever(event);
  }
}

/** Applies events in order: the state a decision leads to. */
export const evolveAll = (payment: Payment, events: readonly PaymentEvent[], atMs: number): Payment =>
  events.reduce((state, event) => evolve(state, event, atMs), payment);

export type NextStep =
  | { readonly kind: 'gate'; readonly gate: string }
  | { readonly kind: 'authorize' }
  | { readonly kind: 'capture' }
  | { readonly kind: 'processor_confirms' }
  | { readonly kind: 'void'; readonly authorization: Authorization }
  | { readonly kind: 'none' };

/**
 * What the chain owes a payment, from its state alone: the next gate in order, authorisation once
 * every gate has passed, the capture once authorised, the void of a canceled authorisation.
 * A capture the processor accepted to confirm later is owed by the processor, not by the chain: its
 * notification applies it, and the status sync looks it up once it has waited too long. (A task that
 * also looked it up at once would race the notification to the same payment.)
 * The chain's hand-off, the authorisation guard and the sweep all ask this one function.
 */
export function nextStep(payment: Payment, gates: readonly string[]): NextStep {
  switch (payment.status) {
    case 'processing':
      if (payment.stage === 'capturing') return payment.capturePending ? { kind: 'processor_confirms' } : { kind: 'capture' };
      return nextGate(payment, gates);
    case 'canceled':
      return payment.authorization && !payment.holdReleased ? { kind: 'void', authorization: payment.authorization } : { kind: 'none' };
    case 'requires_review':
    case 'requires_capture':
    case 'succeeded':
    case 'failed':
      return { kind: 'none' };
    default:
      return assertNever(payment);
  }
}

function nextGate(payment: AwaitingGates, gates: readonly string[]): NextStep {
  const pending = gates.find((gate) => !payment.gatesPassed.includes(gate));
  return pending ? { kind: 'gate', gate: pending } : { kind: 'authorize' };
}

function coreOf(p: Payment, atMs: number) {
  return {
    id: p.id,
    merchantId: p.merchantId,
    livemode: p.livemode,
    amount: p.amount,
    currency: p.currency,
    captureMethod: p.captureMethod,
    paymentMethod: p.paymentMethod,
    customer: p.customer,
    description: p.description,
    metadata: p.metadata,
    risk: p.risk,
    attempts: p.attempts,
    createdMs: p.createdMs,
    updatedMs: atMs,
  };
}

// Events come from `decide`, which only emits what the state allows: anything else is a bug, and
// must stop the transaction rather than write a state that cannot exist.
function impossible(payment: Payment, event: PaymentEvent): never {
  throw new Error(`Event ${event.type} cannot apply to payment ${payment.id} in status ${payment.status}`);
}

