import { captureJournal } from '../../ledger/domain/journal';
import { platformFee } from '../../ledger/domain/fee-schedule';
import { Clock } from '../../shared/clock';
import { applyCapture } from '../domain/payment.decisions';
import { PaymentRepository } from './payment.repository';
import { ProcessorGateway } from './processor.gateway';
import { toWireEvents } from './payment-event.mapper';
import { done, dropped, HandlerOutcome } from './task-outcome';

// Runs as a Cloud Task. The payment's new state, its ledger entries and payment.succeeded are one
// transaction: the ledger can never show a capture the payment does not, or the reverse.
export async function executeCapture(
  deps: { payments: PaymentRepository; processor: ProcessorGateway; clock: Clock },
  paymentId: string,
): Promise<HandlerOutcome> {
  const payment = await deps.payments.getPayment(paymentId);
  if (!payment) return dropped('payment_not_found');
  if (payment.status !== 'processing' || payment.stage !== 'capturing') return done('already_final');
  if (!payment.authorization) return dropped('not_authorized');
  const amount = payment.captureRequested ?? payment.amount;

  const result = await deps.processor.capture({ idempotencyKey: `cap_${payment.id}`, authorizationId: payment.authorization.id, amount });
  const outcome = result.captured ? { captured: true as const, captureId: result.captureId, fee: platformFee(amount) } : result;

  const status = await deps.payments.transaction(async (tx) => {
    const fresh = await tx.getPayment(paymentId);
    if (!fresh) return 'missing';
    const nowMs = deps.clock.nowMs();
    const decision = applyCapture(fresh, outcome, nowMs);
    if (decision.payment === fresh) return fresh.status;
    tx.savePayment(decision.payment);
    tx.appendEvents(toWireEvents(decision.payment, decision.events, nowMs));
    if (decision.payment.status === 'succeeded') {
      tx.appendJournal(
        captureJournal({
          id: `jrn_cap_${paymentId}`,
          paymentId,
          merchantId: fresh.merchantId,
          livemode: fresh.livemode,
          currency: fresh.currency,
          gross: decision.payment.amountCaptured,
          fee: decision.payment.fee,
          nowMs,
        }),
      );
    }
    return decision.payment.status;
  });
  return done(status);
}
