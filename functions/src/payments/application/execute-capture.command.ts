import { Clock } from '../../shared/clock';
import { decide } from '../domain/payment.decider';
import { DAY_MS, FundsAvailability } from './funds-availability';
import { releaseHold } from './authorize-payment.command';
import { PaymentGate } from './payment-gates';
import { PaymentRepository } from './payment.repository';
import { ProcessorGateway } from './processor.gateway';
import { recordPaymentEvents } from './record-payment-events';
import { done, dropped, HandlerOutcome } from './task-outcome';

// Runs as a Cloud Task for manual captures. The payment's new state, its ledger entries and
// payment.succeeded are one transaction: the ledger never shows a capture the payment does not.
export async function executeCapture(
  deps: { payments: PaymentRepository; processor: ProcessorGateway; clock: Clock; gates: readonly PaymentGate[]; funds: FundsAvailability },
  paymentId: string,
): Promise<HandlerOutcome> {
  const payment = await deps.payments.getPayment(paymentId);
  if (!payment) return dropped('payment_not_found');
  if (payment.status !== 'processing' || payment.stage !== 'capturing') return done('already_final');
  const amount = payment.captureRequested;

  const result = await deps.processor.capture({ livemode: payment.livemode, idempotencyKey: `cap_${payment.id}`, authorizationId: payment.authorization.id, amount });
  // A refused capture fails the payment: release the hold first (see releaseHold).
  if (!result.captured) await releaseHold(deps, payment, payment.authorization.id);
  const outcome = result.captured ? { captured: true as const, captureId: result.captureId } : result;
  // The merchant's delay is read here, outside the transaction: a body only stages reads and writes.
  const fundsAvailableAfterMs = result.captured ? (await deps.funds.delayDaysFor(payment.merchantId, payment.livemode)) * DAY_MS : undefined;

  const status = await deps.payments.transaction(async (tx) => {
    const fresh = await tx.getPayment(paymentId);
    if (!fresh) return 'missing';
    const decision = decide(fresh, { kind: 'record_capture', outcome });
    if (!decision.ok) return fresh.status;
    return recordPaymentEvents(tx, fresh, decision.value, { nowMs: deps.clock.nowMs(), gates: deps.gates, fundsAvailableAfterMs }).status;
  });
  return done(status);
}
