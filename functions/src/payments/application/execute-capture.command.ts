import { platformFee } from '../../ledger/domain/fee-schedule';
import { Clock } from '../../shared/clock';
import { applyCapture } from '../domain/payment.decisions';
import { releaseHold } from './authorize-payment.command';
import { recordDecision } from './capture-recording';
import { PaymentRepository } from './payment.repository';
import { ProcessorGateway } from './processor.gateway';
import { done, dropped, HandlerOutcome } from './task-outcome';

// Runs as a Cloud Task for manual captures. The payment's new state, its ledger entries and
// payment.succeeded are one transaction: the ledger never shows a capture the payment does not.
export async function executeCapture(
  deps: { payments: PaymentRepository; processor: ProcessorGateway; clock: Clock },
  paymentId: string,
): Promise<HandlerOutcome> {
  const payment = await deps.payments.getPayment(paymentId);
  if (!payment) return dropped('payment_not_found');
  if (payment.status !== 'processing' || payment.stage !== 'capturing') return done('already_final');
  if (!payment.authorization) return dropped('not_authorized');
  const amount = payment.captureRequested ?? payment.amount;

  const result = await deps.processor.capture({ livemode: payment.livemode, idempotencyKey: `cap_${payment.id}`, authorizationId: payment.authorization.id, amount });
  const outcome = result.captured ? { captured: true as const, captureId: result.captureId, fee: platformFee(amount) } : result;
  // A refused capture fails the payment: release the hold first (see releaseHold).
  if (!result.captured) await releaseHold(deps, payment, payment.authorization.id);

  const status = await deps.payments.transaction(async (tx) => {
    const fresh = await tx.getPayment(paymentId);
    if (!fresh) return 'missing';
    const nowMs = deps.clock.nowMs();
    const decision = applyCapture(fresh, outcome, nowMs);
    recordDecision(tx, fresh, decision, nowMs);
    return decision.payment.status;
  });
  return done(status);
}
