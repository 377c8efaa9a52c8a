import { disputeJournal, disputeReversalJournal } from '../../ledger/domain/dispute-journals';
import { minorUnitsOf } from '../../shared/currency';
import { sha256Hex } from '../../shared/ids';
import { MinorUnits, minorUnits } from '../../shared/money';
import { USD_PER_MAJOR_UNIT } from '../../shared/reference-rates.table';
import { Dispute, DisputeDecision } from '../domain/dispute';
import { Payment, ProcessorName } from '../domain/payment';
import { toDisputeWireEvents } from './dispute-event.mapper';
import { PaymentsTransaction } from './payment.repository';

/** What a chargeback costs the merchant: USD 15, in the dispute's currency at the reference rate. */
export const CHARGEBACK_FEE_USD = 15;
export function chargebackFee(currency: string): MinorUnits {
  const usdPerMajor = USD_PER_MAJOR_UNIT[currency];
  if (usdPerMajor === undefined) throw new Error(`No reference rate for ${currency}`);
  return minorUnits(Math.round((CHARGEBACK_FEE_USD / usdPerMajor) * 10 ** minorUnitsOf(currency)));
}

/** Our id of a processor's dispute: the same notification, however often and in whatever order it comes, names one dispute. */
export const disputeIdFor = (processor: ProcessorName, livemode: boolean, processorDisputeId: string): string =>
  `dp_${sha256Hex(`${processor}:${livemode ? 'live' : 'test'}:${processorDisputeId}`).slice(0, 24)}`;

/**
 * Stages a dispute decision in the caller's transaction: the dispute, the journals its money moves
 * (ids derive from the dispute, so a second run writes the same documents), the payment marked
 * disputed once a chargeback took its money (no refund can then pay the cardholder twice), and the
 * events (outbox).
 */
export function stageDisputeDecision(tx: PaymentsTransaction, payment: Payment, decision: DisputeDecision, nowMs: number): void {
  if (decision.events.length === 0) return;
  const { dispute } = decision;
  tx.saveDispute(dispute);
  for (const event of decision.events) {
    if (event.type === 'dispute.funds_withdrawn') tx.appendJournal(disputeJournal({ ...money(dispute, 'jr_dp_', nowMs), fee: event.fee }));
    if (event.type === 'dispute.funds_reinstated') tx.appendJournal(disputeReversalJournal(money(dispute, 'jr_dpr_', nowMs)));
  }
  if (dispute.fundsWithdrawn && payment.status === 'succeeded' && !payment.disputed) tx.savePayment({ ...payment, disputed: true, updatedMs: nowMs });
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
