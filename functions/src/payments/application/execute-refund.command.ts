import { refundJournal } from '../../ledger/domain/journal';
import { Clock } from '../../shared/clock';
import { applyRefundOutcome, markRefundPending, RefundOutcome } from '../domain/refund';
import { PaymentGate } from './payment-gates';
import { AlsoStage, PaymentRepository } from './payment.repository';
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
  // Accepted by the processor already (it has its id): not sent again, looked up.
  if (refund.processorRefundId !== null) {
    const found = await deps.processor.lookup({ processor: payment.authorization.processor, livemode: payment.livemode, reference: refundId });
    const confirmed = found.found ? found.refunds.find((r) => r.reference === refundId && r.status === 'succeeded') : undefined;
    return confirmed ? applyRefundResult(deps, refundId, { refunded: true, processorRefundId: confirmed.processorReference }) : done('refund_pending');
  }

  const result = await deps.processor.refund({
    processor: payment.authorization.processor,
    livemode: payment.livemode,
    idempotencyKey: `refund_${refundId}`,
    authorizationId: payment.authorization.id,
    captureId: payment.captureId,
    amount: refund.amount,
    currency: payment.currency,
    reference: refundId,
  });
  // Accepted to confirm later: the refund stays pending with the processor's id until the notification (or the status sync).
  if ('pending' in result) return recordRefundPending(deps, refundId, result.processorRefundId);
  return applyRefundResult(deps, refundId, result);
}

/** Applies a refund's final outcome: shared by the task, the processor's notification and the status sync. */
export async function applyRefundResult(deps: Pick<Parameters<typeof executeRefund>[0], 'payments' | 'clock' | 'gates'>, refundId: string, outcome: RefundOutcome, alsoStage?: AlsoStage): Promise<HandlerOutcome> {
  // Everything is read in the transaction: the task has just read the refund, the notification and the sync need not.
  const status = await deps.payments.transaction(async (tx) => {
    const freshRefund = await tx.getRefund(refundId);
    if (!freshRefund) return null;
    const freshPayment = await tx.getPayment(freshRefund.paymentId);
    if (!freshPayment) return 'missing';
    const nowMs = deps.clock.nowMs();
    const decision = applyRefundOutcome(freshRefund, outcome, nowMs);
    alsoStage?.(tx, decision.refund !== freshRefund);
    if (decision.refund === freshRefund) return freshRefund.status;
    tx.saveRefund(decision.refund);
    recordPaymentEvents(tx, freshPayment, decision.events, { nowMs, gates: deps.gates, refund: decision.refund });
    if (decision.refund.status === 'succeeded') {
      tx.appendJournal(
        refundJournal({ id: `jrn_ref_${refundId}`, refundId, paymentId: freshPayment.id, ...(decision.refund.processorRefundId ? { processorRefundId: decision.refund.processorRefundId } : {}), merchantId: freshPayment.merchantId, livemode: freshPayment.livemode, currency: freshRefund.currency, amount: freshRefund.amount, nowMs }),
      );
    }
    return decision.refund.status;
  });
  return status === null ? dropped('refund_not_found') : done(status);
}

async function recordRefundPending(deps: Pick<Parameters<typeof executeRefund>[0], 'payments' | 'clock'>, refundId: string, processorRefundId: string): Promise<HandlerOutcome> {
  await deps.payments.transaction(async (tx) => {
    const fresh = await tx.getRefund(refundId);
    if (fresh?.status === 'pending' && fresh.processorRefundId === null) tx.saveRefund(markRefundPending(fresh, processorRefundId, deps.clock.nowMs()));
  });
  return done('refund_pending');
}
