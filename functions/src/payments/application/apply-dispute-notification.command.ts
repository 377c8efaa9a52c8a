import { Clock } from '../../shared/clock';
import { Logger } from '../../shared/logger';
import { minorUnits } from '../../shared/money';
import { applyProcessorStatus, openDispute } from '../domain/dispute';
import { ProcessorName } from '../domain/payment';
import { chargebackFee, disputeIdFor, processorDisputeAudit, stageDisputeDecision } from './dispute-decision.commit';
import { PaymentRepository, PaymentsTransaction } from './payment.repository';
import { DisputeNotification } from './processor-connector';

/**
 * A processor says where a dispute stands. The first word of it opens the dispute on our side (a
 * chargeback withdraws the money at once); later words move it through the same decisions, and a
 * repeated or stale one changes nothing. Read and decided in one transaction, so two notifications of
 * one dispute arriving together cannot both open it. A dispute of no captured payment of ours (other
 * mode, other processor, another currency, more than was captured) is unmatched: recorded, not applied.
 */
export async function applyDisputeNotification(deps: { payments: PaymentRepository; clock: Clock; log: Logger }, processor: ProcessorName, n: DisputeNotification, alsoStage?: (tx: PaymentsTransaction, outcome: 'applied' | 'no_change' | 'unmatched') => void): Promise<'applied' | 'no_change' | 'unmatched'> {
  const id = disputeIdFor(processor, n.livemode, n.processorDisputeId);
  const nowMs = deps.clock.nowMs();
  const outcome = await deps.payments.transaction(async (tx) => {
    const decided = await decideDispute(tx);
    alsoStage?.(tx, decided);
    return decided;
  });
  if (outcome === 'applied') deps.log.info('dispute notification applied', { processor, dispute: id, payment: n.reference, status: n.status });
  return outcome;

  async function decideDispute(tx: PaymentsTransaction): Promise<'applied' | 'no_change' | 'unmatched'> {
    const payment = await tx.getPayment(n.reference);
    if (!payment || payment.status !== 'succeeded' || payment.livemode !== n.livemode || payment.authorization.processor !== processor) return 'unmatched' as const;
    if (payment.currency !== n.currency || n.amount <= 0 || n.amount > payment.amountCaptured) return 'unmatched' as const;
    const existing = await tx.getDispute(id);
    const fee = chargebackFee(payment.currency);
    const decision = existing
      ? applyProcessorStatus(existing, n.status, fee, nowMs)
      : openDispute({ id, payment, processor, processorDisputeId: n.processorDisputeId, amount: minorUnits(n.amount), currency: payment.currency, reason: n.reason, status: n.status, evidenceDueByMs: n.evidenceDueByMs, chargebackFee: fee, nowMs });
    if (decision.events.length === 0) return 'no_change' as const;
    stageDisputeDecision(tx, payment, decision, nowMs, processorDisputeAudit(processor, decision));
    return 'applied' as const;
  }
}
