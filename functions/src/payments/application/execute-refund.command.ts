import { refundJournal } from '../../ledger/domain/journal';
import { Clock } from '../../shared/clock';
import { applyRefundOutcome } from '../domain/refund';
import { PaymentGate } from './payment-gates';
import { PaymentRepository } from './payment.repository';
import { ProcessorGateway } from './processor.gateway';
import { recordPaymentEvents } from './record-payment-events';
import { done, dropped, HandlerOutcome } from './task-outcome';

// Runs as a Cloud Task. The processor refund is keyed by our refund id, so a retry never refunds twice.
export async function executeRefund(
  deps: { payments: PaymentRepository; processor: ProcessorGateway; clock: Clock; gates: readonly PaymentGate[] },
  refundId: string,
): Promise<HandlerOutcome> {
  const refund = await deps.payments.getRefund(refundId);
  if (!refund) return dropped('refund_not_found');
  if (refund.status !== 'pending') return done('already_final');
  const payment = await deps.payments.getPayment(refund.paymentId);
  if (payment?.status !== 'succeeded') return dropped('payment_not_captured');

  const outcome = await deps.processor.refund({ livemode: payment.livemode, idempotencyKey: `refund_${refundId}`, captureId: payment.captureId, amount: refund.amount, reference: refundId });

  const status = await deps.payments.transaction(async (tx) => {
    const freshRefund = await tx.getRefund(refundId);
    const freshPayment = await tx.getPayment(refund.paymentId);
    if (!freshRefund || !freshPayment) return 'missing';
    const nowMs = deps.clock.nowMs();
    const decision = applyRefundOutcome(freshRefund, outcome, nowMs);
    if (decision.refund === freshRefund) return freshRefund.status;
    tx.saveRefund(decision.refund);
    recordPaymentEvents(tx, freshPayment, decision.events, { nowMs, gates: deps.gates, refund: decision.refund });
    if (decision.refund.status === 'succeeded') {
      tx.appendJournal(
        refundJournal({ id: `jrn_ref_${refundId}`, refundId, paymentId: payment.id, ...(decision.refund.processorRefundId ? { processorRefundId: decision.refund.processorRefundId } : {}), merchantId: payment.merchantId, livemode: payment.livemode, currency: refund.currency, amount: refund.amount, nowMs }),
      );
    }
    return decision.refund.status;
  });
  return done(status);
}
