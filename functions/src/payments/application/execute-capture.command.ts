import { Clock } from '../../shared/clock';
import { decide, PaymentCommand } from '../domain/payment.decider';
import { Capturing } from '../domain/payment';
import { DAY_MS, FundsAvailability } from './funds-availability';
import { releaseHold } from './authorize-payment.command';
import { PaymentGate } from './payment-gates';
import { AlsoStage, PaymentRepository } from './payment.repository';
import { CaptureResult, ProcessorGateway } from './processor.gateway';
import { recordPaymentEvents } from './record-payment-events';
import { done, dropped, HandlerOutcome } from './task-outcome';

type Deps = { payments: PaymentRepository; processor: ProcessorGateway; clock: Clock; gates: readonly PaymentGate[]; funds: FundsAvailability };

// Runs as a Cloud Task for manual captures, and for any capture still owed. The payment's new state,
// its ledger entries and payment.succeeded are one transaction: the ledger never shows a capture the
// payment does not. A capture the processor accepted to confirm later (capturePending) is not sent
// again: it is looked up, and applied once the processor reports it done.
export async function executeCapture(deps: Deps, paymentId: string): Promise<HandlerOutcome> {
  const payment = await deps.payments.getPayment(paymentId);
  if (!payment) return dropped('payment_not_found');
  if (payment.status !== 'processing' || payment.stage !== 'capturing') return done('already_final');
  const result = payment.capturePending ? await confirmedCapture(deps, payment) : await sendCapture(deps, payment);
  if (result === null) return done('capture_pending');
  return applyCaptureResult(deps, payment, result);
}

/** Applies a capture's result through the payment's decisions: shared by the task, the processor's notification and the status sync. */
export async function applyCaptureResult(deps: Deps, payment: Capturing, result: CaptureResult, alsoStage?: AlsoStage): Promise<HandlerOutcome> {
  // A refused capture fails the payment: release the hold first (see releaseHold).
  if ('captured' in result && !result.captured) await releaseHold(deps, payment, payment.authorization.processor, payment.authorization.id);
  const captured = 'captured' in result && result.captured;
  // The merchant's delay is read here, outside the transaction: a body only stages reads and writes.
  const fundsAvailableAfterMs = captured ? (await deps.funds.delayDaysFor(payment.merchantId, payment.livemode)) * DAY_MS : undefined;
  const status = await deps.payments.transaction(async (tx) => {
    const fresh = await tx.getPayment(payment.id);
    if (!fresh) return 'missing';
    const nowMs = deps.clock.nowMs();
    const command: PaymentCommand = 'pending' in result ? { kind: 'record_capture_pending', captureId: result.captureId, atMs: nowMs } : { kind: 'record_capture', outcome: result };
    const decision = decide(fresh, command);
    alsoStage?.(tx, decision.ok && decision.value.length > 0);
    if (!decision.ok) return fresh.status;
    return recordPaymentEvents(tx, fresh, decision.value, { nowMs, gates: deps.gates, fundsAvailableAfterMs }).status;
  });
  return done(status);
}

function sendCapture(deps: Deps, payment: Capturing): Promise<CaptureResult> {
  return deps.processor.capture({
    processor: payment.authorization.processor,
    livemode: payment.livemode,
    idempotencyKey: `cap_${payment.id}`,
    authorizationId: payment.authorization.id,
    amount: payment.captureRequested,
    currency: payment.currency,
    reference: payment.id,
  });
}

/** The processor's word on a capture it accepted: done (its reference), or null while it is still pending there. */
async function confirmedCapture(deps: Deps, payment: Capturing): Promise<CaptureResult | null> {
  const found = await deps.processor.lookup({ processor: payment.authorization.processor, livemode: payment.livemode, reference: payment.id });
  const capture = found.found ? found.capture : null;
  if (capture?.status === 'succeeded') return { captured: true, captureId: capture.processorReference };
  return null;
}
