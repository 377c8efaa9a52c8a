import { auditEntry, AuditAction, SYSTEM_ACTORS } from '../../compliance/domain/audit-entry';
import { disputeJournal, disputeReversalJournal } from '../../ledger/domain/dispute-journals';
import { sha256Hex } from '../../shared/ids';
import { MinorUnits, minorUnits } from '../../shared/money';
import { fromUsd } from '../../shared/reference-fx-rates';
import { Dispute, DisputeDecision } from '../domain/dispute';
import { Payment, ProcessorName } from '../domain/payment';
import { toDisputeWireEvents } from './dispute-event.mapper';
import { PaymentsTransaction } from './payment.repository';

/** What a chargeback costs the merchant: USD 15, in the dispute's currency at the reference rate. */
export const CHARGEBACK_FEE_USD = 15;
export const chargebackFee = (currency: string): MinorUnits => minorUnits(fromUsd(CHARGEBACK_FEE_USD, currency));

/** Who changed a dispute, and what to call it in the audit trail. */
export interface DisputeAudit {
  readonly actor: string;
  readonly action: Extract<AuditAction, `dispute.${string}`>;
  readonly reason: string;
}

/** The audit entry of a processor's word on a dispute: opened, moved or closed. */
export function processorDisputeAudit(processor: ProcessorName, decision: DisputeDecision): DisputeAudit {
  const types = decision.events.map((e) => e.type);
  const action = types.includes('dispute.created') ? 'dispute.opened' : types.includes('dispute.closed') ? 'dispute.closed' : 'dispute.updated';
  return { actor: SYSTEM_ACTORS.processorNotifications, action, reason: `${processor} reported the dispute ${decision.dispute.status} (${decision.dispute.reason})` };
}

/** Our id of a processor's dispute: the same notification, however often and in whatever order it comes, names one dispute. */
export const disputeIdFor = (processor: ProcessorName, livemode: boolean, processorDisputeId: string): string =>
  `dp_${sha256Hex(`${processor}:${livemode ? 'live' : 'test'}:${processorDisputeId}`).slice(0, 24)}`;

/**
 * Stages a dispute decision in the caller's transaction: the dispute, the journals its money moves
 * (ids derive from the dispute, so a second run writes the same documents), the payment marked
 * disputed once a chargeback took its money (no refund can then pay the cardholder twice; only the
 * processor's path, which passes the payment, withdraws money), the events (outbox), and the
 * compliance audit trail's entry of who did what (`by`).
 */
export function stageDisputeDecision(tx: PaymentsTransaction, payment: Payment | null, decision: DisputeDecision, nowMs: number, by: DisputeAudit): void {
  if (decision.events.length === 0) return;
  const { dispute } = decision;
  tx.saveDispute(dispute);
  tx.appendAudit(auditEntry({ actor: by.actor, action: by.action, subject: `disputes/${dispute.id}`, reason: by.reason, details: { payment: dispute.paymentId, status: dispute.status, amount: dispute.amount, currency: dispute.currency, livemode: dispute.livemode } }, nowMs));
  for (const event of decision.events) {
    if (event.type === 'dispute.funds_withdrawn') tx.appendJournal(disputeJournal({ ...money(dispute, 'jr_dp_', nowMs), fee: event.fee }));
    if (event.type === 'dispute.funds_reinstated') tx.appendJournal(disputeReversalJournal(money(dispute, 'jr_dpr_', nowMs)));
  }
  if (payment && dispute.fundsWithdrawn && payment.status === 'succeeded' && !payment.disputed) tx.savePayment({ ...payment, disputed: true, updatedMs: nowMs });
  tx.appendEvents(toDisputeWireEvents(dispute, decision.events, nowMs));
}

const money = (d: Dispute, prefix: string, nowMs: number) => ({
  id: `${prefix}${d.id}`,
  disputeId: d.id,
  paymentId: d.paymentId,
  processorDisputeId: d.processorDisputeId,
  merchantId: d.merchantId,
  livemode: d.livemode,
  currency: d.currency,
  amount: d.amount,
  nowMs,
});
