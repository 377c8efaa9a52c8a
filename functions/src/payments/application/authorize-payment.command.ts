import { Clock } from '../../shared/clock';
import { CaptureOutcome, decide, evolveAll, nextStep } from '../domain/payment.decider';
import { gateNames, PaymentGate } from './payment-gates';
import { PaymentRepository } from './payment.repository';
import { AuthorizeResult, ProcessorGateway } from './processor.gateway';
import { recordPaymentEvents } from './record-payment-events';
import { DAY_MS, FundsAvailability } from './funds-availability';
import { resumeHandOff } from './resume-hand-off';
import { TaskQueue } from '../../platform/application/task-queue';
import { done, dropped, HandlerOutcome } from './task-outcome';

type Deps = { payments: PaymentRepository; processor: ProcessorGateway; tasks: TaskQueue; clock: Clock; gates: readonly PaymentGate[]; funds: FundsAvailability };

// Runs as a Cloud Task. Processor calls carry keys derived from the payment, so a retry after a
// timeout or a crash finds the first authorisation (and capture) instead of making another.
// An automatic capture follows the authorisation in the same task and both land in one
// transaction: one commit and one hand-off fewer per payment than a separate capture task.
export async function authorizePayment(deps: Deps, paymentId: string): Promise<HandlerOutcome> {
  const payment = await deps.payments.getPayment(paymentId);
  if (!payment) return dropped('payment_not_found');
  const step = nextStep(payment, gateNames(deps.gates));
  // Never authorise a payment that a gate has not cleared; anything else has moved on.
  if (step.kind === 'gate') return dropped('gates_not_passed');
  if (step.kind !== 'authorize') {
    // Decided already (a redelivery): hand over what the state owes now, e.g. a requested capture.
    await resumeHandOff(deps, payment);
    return done('already_authorized');
  }

  const authorization = await deps.processor.authorize({
    livemode: payment.livemode,
    idempotencyKey: `auth_${payment.id}`,
    token: payment.paymentMethod,
    amount: payment.amount,
    currency: payment.currency,
    reference: payment.id,
  });
  const capture = payment.captureMethod === 'automatic' ? await captureAtOnce(deps, payment.id, payment.livemode, payment.amount, authorization) : null;
  if (authorization.approved && capture && !capture.captured) await releaseHold(deps, payment, authorization.authorizationId);
  // The merchant's delay is read here, outside the transaction (cached by the settlement context).
  const fundsAvailableAfterMs = capture?.captured ? (await deps.funds.delayDaysFor(payment.merchantId, payment.livemode)) * DAY_MS : undefined;

  const outcome = await deps.payments.transaction(async (tx) => {
    const fresh = await tx.getPayment(paymentId);
    if (!fresh) return null;
    const nowMs = deps.clock.nowMs();
    const authorized = decide(fresh, { kind: 'record_authorization', outcome: authorization });
    if (!authorized.ok || authorized.value.length === 0) return { decided: false, payment: fresh };
    const captured = capture ? decide(evolveAll(fresh, authorized.value, nowMs), { kind: 'record_capture', outcome: capture }) : null;
    const events = [...authorized.value, ...(captured?.ok ? captured.value : [])];
    return { decided: true, payment: recordPaymentEvents(tx, fresh, events, { nowMs, gates: deps.gates, fundsAvailableAfterMs }) };
  });
  if (!outcome) return dropped('payment_not_found');
  // Recorded by an earlier commit whose answer was lost: hand over what the state owes (see resumeHandOff).
  if (!outcome.decided) await resumeHandOff(deps, outcome.payment);
  return done(outcome.payment.status);
}

/**
 * A payment that fails after its authorisation would otherwise keep the customer's funds on hold
 * for days. The void (key void_<paymentId>) runs before the failure is committed: if it cannot be
 * done now the task throws and its retry replays authorisation and capture by their keys and voids
 * again, so no crash between the two can leave the hold behind.
 */
export async function releaseHold(deps: { processor: ProcessorGateway }, payment: { id: string; livemode: boolean }, authorizationId: string): Promise<void> {
  await deps.processor.void({ livemode: payment.livemode, idempotencyKey: `void_${payment.id}`, authorizationId });
}

async function captureAtOnce(deps: Deps, paymentId: string, livemode: boolean, amount: number, authorization: AuthorizeResult): Promise<CaptureOutcome | null> {
  if (!authorization.approved) return null;
  const result = await deps.processor.capture({ livemode, idempotencyKey: `cap_${paymentId}`, authorizationId: authorization.authorizationId, amount });
  return result.captured ? { captured: true, captureId: result.captureId } : result;
}
