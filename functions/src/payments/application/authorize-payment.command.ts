import { Clock } from '../../shared/clock';
import { CaptureOutcome, decide, evolveAll, nextStep } from '../domain/payment.decider';
import { AwaitingGates, Payment, ProcessorAttempt, ProcessorName } from '../domain/payment';
import { gateNames, PaymentGate } from './payment-gates';
import { PaymentRepository } from './payment.repository';
import { AuthorizeResult, CaptureResult, ProcessorGateway } from './processor.gateway';
import { ConnectorNotReachedError, ConnectorOutcomeUnknownError } from './processor-connector';
import { ProcessorRouter } from './processor-router';
import { recordPaymentEvents } from './record-payment-events';
import { DAY_MS, FundsAvailability } from './funds-availability';
import { resumeHandOff } from './resume-hand-off';
import { TaskQueue } from '../../platform/application/task-queue';
import { done, dropped, HandlerOutcome } from './task-outcome';

type Deps = { payments: PaymentRepository; processor: ProcessorGateway; router: ProcessorRouter; tasks: TaskQueue; clock: Clock; gates: readonly PaymentGate[]; funds: FundsAvailability };

/** A retried delivery may follow one that reached a processor and died before recording it: it never fails over on "not reached". */
export interface Delivery {
  readonly firstDelivery: boolean;
}

/** Declines that say "not now" rather than "not this card": worth one try on another processor when the merchant allows it. */
export const SOFT_DECLINES: ReadonlySet<string> = new Set(['try_again_later', 'do_not_honor']);

type Routed =
  | { readonly kind: 'decided'; readonly outcome: AuthorizeResult; readonly processor: ProcessorName; readonly attempts: readonly ProcessorAttempt[] }
  | { readonly kind: 'undecided'; readonly attempts: readonly ProcessorAttempt[]; readonly error: Error };

// Runs as a Cloud Task. The payment goes to the router's candidates in order: the next one is tried
// only when the request certainly never reached the one before (connection refused, breaker open),
// or after a soft decline the merchant allows to retry. An outcome that is unknown (a timeout after
// sending) is recorded and settled by looking the payment up at that processor before anything else
// is tried, so a payment is never authorised twice. An automatic capture follows the authorisation
// at the same processor and both land in one transaction.
export async function authorizePayment(deps: Deps, paymentId: string, delivery: Delivery = { firstDelivery: false }): Promise<HandlerOutcome> {
  const payment = await deps.payments.getPayment(paymentId);
  if (!payment) return dropped('payment_not_found');
  const step = nextStep(payment, gateNames(deps.gates));
  // Never authorise a payment that a gate has not cleared; anything else has moved on.
  if (step.kind === 'gate') return dropped('gates_not_passed');
  if (step.kind !== 'authorize' || payment.status !== 'processing' || payment.stage !== 'gates') {
    // Decided already (a redelivery): hand over what the state owes now, e.g. a requested capture.
    await resumeHandOff(deps, payment);
    return done('already_authorized');
  }

  const routed = await route(deps, payment, delivery);
  if (routed.kind === 'undecided') {
    // Kept on the payment, so the retry settles these attempts before trying anyone else.
    await deps.payments.transaction(async (tx) => {
      const fresh = await tx.getPayment(paymentId);
      const decision = fresh ? decide(fresh, { kind: 'record_attempts', attempts: routed.attempts }) : null;
      if (fresh && decision?.ok && decision.value.length > 0) recordPaymentEvents(tx, fresh, decision.value, { nowMs: deps.clock.nowMs(), gates: deps.gates });
    });
    throw routed.error;
  }
  const { outcome: authorization, processor } = routed;
  const capture = payment.captureMethod === 'automatic' && authorization.approved ? await captureAtOnce(deps, payment, processor, authorization.authorizationId) : null;
  if (authorization.approved && capture && 'captured' in capture && !capture.captured) await releaseHold(deps, payment, processor, authorization.authorizationId);
  const captured = capture && 'captured' in capture && capture.captured;
  // The merchant's delay is read here, outside the transaction (cached by the settlement context).
  const fundsAvailableAfterMs = captured ? (await deps.funds.delayDaysFor(payment.merchantId, payment.livemode)) * DAY_MS : undefined;

  const outcome = await deps.payments.transaction(async (tx) => {
    const fresh = await tx.getPayment(paymentId);
    if (!fresh) return null;
    const nowMs = deps.clock.nowMs();
    const asOutcome = authorization.approved ? { ...authorization, processor } : authorization;
    const authorized = decide(fresh, { kind: 'record_authorization', outcome: asOutcome, attempts: routed.attempts });
    if (!authorized.ok || authorized.value.length === 0) return { decided: false, payment: fresh };
    const afterAuthorization = evolveAll(fresh, authorized.value, nowMs);
    const captureDecision = capture ? decide(afterAuthorization, captureCommand(capture, nowMs)) : null;
    const events = [...authorized.value, ...(captureDecision?.ok ? captureDecision.value : [])];
    return { decided: true, payment: recordPaymentEvents(tx, fresh, events, { nowMs, gates: deps.gates, fundsAvailableAfterMs }) };
  });
  if (!outcome) return dropped('payment_not_found');
  if (!outcome.decided) {
    // Another delivery authorised this payment elsewhere first (a duplicate delivery racing a failover): release ours.
    const kept = 'authorization' in outcome.payment ? outcome.payment.authorization : null;
    if (authorization.approved && kept && (kept.processor !== processor || kept.id !== authorization.authorizationId)) await releaseHold(deps, payment, processor, authorization.authorizationId);
    // Recorded by an earlier commit whose answer was lost: hand over what the state owes (see resumeHandOff).
    await resumeHandOff(deps, outcome.payment);
  }
  return done(outcome.payment.status);
}

async function route(deps: Deps, payment: AwaitingGates, delivery: Delivery): Promise<Routed> {
  const attempts: ProcessorAttempt[] = [];
  // 1. Earlier attempts whose outcome is unknown are settled first, at their processor, by our reference.
  for (const processor of new Set(payment.attempts.filter((a) => a.outcome === 'unknown').map((a) => a.processor))) {
    const started = deps.clock.nowMs();
    const found = await deps.processor.lookup({ processor, livemode: payment.livemode, reference: payment.id });
    if (found.found) {
      attempts.push(attemptOf(processor, found.authorization, started, deps.clock.nowMs()));
      return { kind: 'decided', outcome: found.authorization, processor, attempts };
    }
  }
  // 2. Then the router's candidates, in order.
  const decision = await deps.router.route(payment);
  const configured = new Set(deps.processor.processors(payment.livemode));
  const candidates = decision.candidates.filter((p) => configured.has(p));
  let softRetried = false;
  let lastError: Error = new ConnectorNotReachedError('no processor is configured for this payment');
  for (const [index, processor] of candidates.entries()) {
    const started = deps.clock.nowMs();
    try {
      const result = await deps.processor.authorize({ processor, livemode: payment.livemode, idempotencyKey: `auth_${payment.id}`, token: payment.paymentMethod, amount: payment.amount, currency: payment.currency, reference: payment.id });
      attempts.push(attemptOf(processor, result, started, deps.clock.nowMs()));
      const another = index < candidates.length - 1;
      if (!result.approved && decision.retrySoftDeclines && SOFT_DECLINES.has(result.code) && another && !softRetried) {
        softRetried = true;
        continue;
      }
      return { kind: 'decided', outcome: result, processor, attempts };
    } catch (error) {
      const notReached = error instanceof ConnectorNotReachedError;
      attempts.push({ processor, outcome: notReached ? 'not_reached' : 'unknown', code: null, latencyMs: deps.clock.nowMs() - started, atMs: started });
      lastError = error instanceof Error ? error : new ConnectorOutcomeUnknownError(String(error));
      // Only a first delivery can prove no earlier delivery reached this processor.
      if (notReached && delivery.firstDelivery) continue;
      return { kind: 'undecided', attempts, error: lastError };
    }
  }
  return { kind: 'undecided', attempts, error: lastError };
}

function attemptOf(processor: ProcessorName, result: AuthorizeResult, startedMs: number, nowMs: number): ProcessorAttempt {
  return { processor, outcome: result.approved ? 'authorized' : 'declined', code: result.approved ? null : result.code, latencyMs: nowMs - startedMs, atMs: startedMs };
}

function captureCommand(capture: CaptureResult, nowMs: number) {
  if ('pending' in capture) return { kind: 'record_capture_pending' as const, captureId: capture.captureId, atMs: nowMs };
  return { kind: 'record_capture' as const, outcome: capture satisfies CaptureOutcome };
}

/**
 * A payment that fails after its authorisation would otherwise keep the customer's funds on hold
 * for days. The void (key void_<paymentId>) runs before the failure is committed: if it cannot be
 * done now the task throws and its retry replays authorisation and capture by their keys and voids
 * again, so no crash between the two can leave the hold behind.
 */
export async function releaseHold(deps: { processor: ProcessorGateway }, payment: Pick<Payment, 'id' | 'livemode'>, processor: ProcessorName, authorizationId: string): Promise<void> {
  await deps.processor.void({ processor, livemode: payment.livemode, idempotencyKey: `void_${payment.id}`, authorizationId, reference: payment.id });
}

function captureAtOnce(deps: Deps, payment: AwaitingGates, processor: ProcessorName, authorizationId: string): Promise<CaptureResult> {
  return deps.processor.capture({ processor, livemode: payment.livemode, idempotencyKey: `cap_${payment.id}`, authorizationId, amount: payment.amount, currency: payment.currency, reference: payment.id });
}
