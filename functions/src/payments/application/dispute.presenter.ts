import { DisputeObject, EVIDENCE_FILE_FIELDS, EVIDENCE_TEXT_FIELDS } from '../../contracts/disputes-api.v1';
import { toUnixSeconds } from '../../shared/clock';
import { Dispute, isInquiry } from '../domain/dispute';

const EVIDENCE_FIELDS = [...EVIDENCE_TEXT_FIELDS, ...EVIDENCE_FILE_FIELDS];

/** The merchant-facing dispute (Stripe's shape); `nowMs` decides `past_due`. */
export function presentDispute(d: Dispute, nowMs: number): DisputeObject {
  const withdrawal = d.fundsWithdrawn ? [{ id: `txn_dp_${d.id}`, amount: -d.amount, fee: d.fee, net: -d.amount - d.fee, type: 'adjustment' as const }] : [];
  const reinstatement = d.fundsReinstated ? [{ id: `txn_dpr_${d.id}`, amount: d.amount, fee: 0, net: d.amount, type: 'adjustment' as const }] : [];
  return {
    id: d.id,
    object: 'dispute',
    amount: d.amount,
    currency: d.currency,
    payment: d.paymentId,
    reason: d.reason,
    status: d.status,
    evidence: Object.fromEntries(EVIDENCE_FIELDS.map((field) => [field, d.evidence[field] ?? null])),
    evidence_details: {
      due_by: toUnixSeconds(d.evidenceDueByMs),
      has_evidence: Object.keys(d.evidence).length > 0,
      past_due: d.evidenceSubmittedMs === null && nowMs > d.evidenceDueByMs,
      submitted_at: d.evidenceSubmittedMs === null ? null : toUnixSeconds(d.evidenceSubmittedMs),
    },
    balance_transactions: [...withdrawal, ...reinstatement],
    // An inquiry moved no money: the payment can still be refunded instead of fought.
    is_charge_refundable: isInquiry(d.status) && !d.fundsWithdrawn,
    processor: d.processor,
    livemode: d.livemode,
    metadata: { ...d.metadata },
    created: toUnixSeconds(d.createdMs),
  };
}
