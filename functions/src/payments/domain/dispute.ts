import { CurrencyCode } from '../../shared/currency';
import { MinorUnits } from '../../shared/money';
import { err, ok, Result } from '../../shared/result';
import { ProcessorName } from './payment';

// A cardholder's dispute of a captured payment, as its processor reports it (issue 12). Statuses are
// Stripe's: an inquiry (`warning_*`) moves no money; a chargeback withdraws the amount and the dispute
// fee from the merchant's balance when it opens, and a won chargeback returns the amount (the fee is
// not returned). The processor decides the outcome; the merchant answers with evidence or accepts.

export type DisputeStatus = 'warning_needs_response' | 'warning_under_review' | 'warning_closed' | 'needs_response' | 'under_review' | 'won' | 'lost';
export const DISPUTE_STATUSES: readonly DisputeStatus[] = ['warning_needs_response', 'warning_under_review', 'warning_closed', 'needs_response', 'under_review', 'won', 'lost'];

export type DisputeReason = 'fraudulent' | 'product_not_received' | 'product_unacceptable' | 'duplicate' | 'credit_not_processed' | 'unrecognized' | 'general';
export const DISPUTE_REASONS: readonly DisputeReason[] = ['fraudulent', 'product_not_received', 'product_unacceptable', 'duplicate', 'credit_not_processed', 'unrecognized', 'general'];

export interface Dispute {
  readonly id: string;
  readonly paymentId: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly processor: ProcessorName;
  readonly processorDisputeId: string;
  readonly amount: MinorUnits;
  readonly currency: CurrencyCode;
  /** Charged when a chargeback opens; 0 for an inquiry that never became one. */
  readonly fee: MinorUnits;
  readonly reason: DisputeReason;
  readonly status: DisputeStatus;
  /** Evidence fields (text, or a file token for the file fields) as the merchant last saved them. */
  readonly evidence: Readonly<Record<string, string>>;
  readonly evidenceSubmittedMs: number | null;
  readonly evidenceDueByMs: number;
  readonly fundsWithdrawn: boolean;
  readonly fundsReinstated: boolean;
  readonly metadata: Readonly<Record<string, string>>;
  readonly createdMs: number;
  readonly updatedMs: number;
}

export type DisputeEvent =
  | { readonly type: 'dispute.created' }
  | { readonly type: 'dispute.funds_withdrawn'; readonly amount: MinorUnits; readonly fee: MinorUnits }
  | { readonly type: 'dispute.updated'; readonly previousStatus: DisputeStatus }
  | { readonly type: 'dispute.closed'; readonly previousStatus: DisputeStatus }
  | { readonly type: 'dispute.funds_reinstated'; readonly amount: MinorUnits };

export interface DisputeDecision {
  readonly dispute: Dispute;
  readonly events: readonly DisputeEvent[];
}

export type DisputeError =
  | { readonly code: 'dispute_not_open'; readonly message: string }
  | { readonly code: 'dispute_past_due'; readonly message: string }
  | { readonly code: 'dispute_evidence_missing'; readonly message: string };

const CLOSED: ReadonlySet<DisputeStatus> = new Set(['won', 'lost', 'warning_closed']);
export const isClosed = (status: DisputeStatus): boolean => CLOSED.has(status);
export const isInquiry = (status: DisputeStatus): boolean => status.startsWith('warning_');
const awaitsResponse = (status: DisputeStatus): boolean => status === 'needs_response' || status === 'warning_needs_response';

/** A processor opened a dispute (an inquiry or a chargeback) on a captured payment of ours. */
export function openDispute(input: {
  id: string;
  payment: { id: string; merchantId: string; livemode: boolean };
  processor: ProcessorName;
  processorDisputeId: string;
  amount: MinorUnits;
  currency: CurrencyCode;
  reason: DisputeReason;
  status: DisputeStatus;
  evidenceDueByMs: number;
  /** What a chargeback costs the merchant on top of the amount. */
  chargebackFee: MinorUnits;
  nowMs: number;
}): DisputeDecision {
  const chargeback = !isInquiry(input.status);
  const opened: Dispute = {
    id: input.id,
    paymentId: input.payment.id,
    merchantId: input.payment.merchantId,
    livemode: input.payment.livemode,
    processor: input.processor,
    processorDisputeId: input.processorDisputeId,
    amount: input.amount,
    currency: input.currency,
    fee: chargeback ? input.chargebackFee : (0 as MinorUnits),
    reason: input.reason,
    // A dispute we first hear of already closed still opens (its money moved): the outcome follows.
    status: chargeback ? 'needs_response' : 'warning_needs_response',
    evidence: {},
    evidenceSubmittedMs: null,
    evidenceDueByMs: input.evidenceDueByMs,
    fundsWithdrawn: chargeback,
    fundsReinstated: false,
    metadata: {},
    createdMs: input.nowMs,
    updatedMs: input.nowMs,
  };
  const events: DisputeEvent[] = [{ type: 'dispute.created' }, ...(chargeback ? [{ type: 'dispute.funds_withdrawn' as const, amount: opened.amount, fee: opened.fee }] : [])];
  if (input.status === opened.status) return { dispute: opened, events };
  const next = applyProcessorStatus(opened, input.status, input.chargebackFee, input.nowMs);
  return { dispute: next.dispute, events: [...events, ...next.events] };
}

/**
 * What the processor now says. Closed is final (a late or repeated notification changes nothing); an
 * inquiry that becomes a chargeback withdraws the funds then; a won chargeback returns the amount.
 */
export function applyProcessorStatus(dispute: Dispute, status: DisputeStatus, chargebackFee: MinorUnits, nowMs: number): DisputeDecision {
  if (isClosed(dispute.status) || status === dispute.status) return { dispute, events: [] };
  const events: DisputeEvent[] = [];
  let next: Dispute = { ...dispute, status, updatedMs: nowMs };
  if (!isInquiry(status) && !dispute.fundsWithdrawn) {
    next = { ...next, fee: chargebackFee, fundsWithdrawn: true };
    events.push({ type: 'dispute.funds_withdrawn', amount: next.amount, fee: next.fee });
  }
  if (status === 'won' && next.fundsWithdrawn) {
    next = { ...next, fundsReinstated: true };
    events.push({ type: 'dispute.funds_reinstated', amount: next.amount });
  }
  events.unshift({ type: isClosed(status) ? 'dispute.closed' : 'dispute.updated', previousStatus: dispute.status });
  return { dispute: next, events };
}

/** The merchant saves evidence (merged into what it saved before) and, with `submit`, sends it: the dispute goes under review. */
export function updateEvidence(dispute: Dispute, input: { evidence: Readonly<Record<string, string>>; submit: boolean; metadata?: Readonly<Record<string, string>>; nowMs: number }): Result<DisputeDecision, DisputeError> {
  if (!awaitsResponse(dispute.status)) return err(notOpen(dispute));
  if (input.nowMs > dispute.evidenceDueByMs) return err({ code: 'dispute_past_due', message: `The evidence for dispute ${dispute.id} was due by ${new Date(dispute.evidenceDueByMs).toISOString()}.` });
  const evidence = { ...dispute.evidence, ...input.evidence };
  // Submitting nothing would only lose the dispute: the issuer decides on what it is sent.
  if (input.submit && Object.keys(evidence).length === 0) return err({ code: 'dispute_evidence_missing', message: `Add at least one evidence field before submitting dispute ${dispute.id}.` });
  const status: DisputeStatus = !input.submit ? dispute.status : dispute.status === 'needs_response' ? 'under_review' : 'warning_under_review';
  const next: Dispute = {
    ...dispute,
    status,
    evidence,
    evidenceSubmittedMs: input.submit ? input.nowMs : dispute.evidenceSubmittedMs,
    metadata: { ...dispute.metadata, ...(input.metadata ?? {}) },
    updatedMs: input.nowMs,
  };
  return ok({ dispute: next, events: [{ type: 'dispute.updated', previousStatus: dispute.status }] });
}

/** The merchant accepts the dispute: a chargeback is lost, an inquiry closed. */
export function acceptDispute(dispute: Dispute, nowMs: number): Result<DisputeDecision, DisputeError> {
  if (!awaitsResponse(dispute.status)) return err(notOpen(dispute));
  const status: DisputeStatus = dispute.status === 'needs_response' ? 'lost' : 'warning_closed';
  return ok({ dispute: { ...dispute, status, updatedMs: nowMs }, events: [{ type: 'dispute.closed', previousStatus: dispute.status }] });
}

const notOpen = (dispute: Dispute): DisputeError => ({
  code: 'dispute_not_open',
  message: `Dispute ${dispute.id} has a status of ${dispute.status}: evidence can be changed, or the dispute accepted, only while it needs a response.`,
});
