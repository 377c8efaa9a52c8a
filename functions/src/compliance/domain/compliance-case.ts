import { err, ok, Result } from '../../shared/result';
import { newId } from '../../shared/ids';

// A case is the unit of work of the compliance team: a sanctions hit or an AML alert that a
// person must look at, assign, annotate and finally clear or report.
// identity_review: a KYC/KYB verification the vendor asked a person to review (no sanctions hit).
// reconciliation: a reconciliation exception for finance staff (ledger, processor report and bank disagree).
export type CaseKind = 'sanctions_hit' | 'aml_alert' | 'identity_review' | 'reconciliation';
export type CaseStatus = 'open' | 'resolved';
export type CaseResolution = 'cleared' | 'reported';
export type CasePriority = 'high' | 'normal';
/** Staff roles: an analyst works cases; reporting one (a suspicious-activity report) needs a supervisor's approval. */
export type StaffRole = 'analyst' | 'supervisor';
export interface StaffActor {
  readonly actor: string;
  readonly role: StaffRole;
}

export interface CaseNote {
  readonly atMs: number;
  readonly author: string;
  readonly text: string;
}

export interface ComplianceCase {
  readonly id: string;
  readonly kind: CaseKind;
  readonly status: CaseStatus;
  readonly priority: CasePriority;
  /** `payments/<id>`, `customers/<key>` or `verifications/<id>`. */
  readonly subject: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly summary: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly assignee: string | null;
  readonly notes: readonly CaseNote[];
  readonly resolution: { readonly outcome: CaseResolution; readonly reason: string; readonly by: string; readonly atMs: number; readonly proposedBy?: string } | null;
  /** A `reported` resolution proposed by one member of staff, waiting for a different supervisor (four eyes). */
  readonly proposal: { readonly outcome: 'reported'; readonly reason: string; readonly by: string; readonly atMs: number } | null;
  readonly createdMs: number;
  readonly updatedMs: number;
}

export type CaseError = { readonly code: 'case_already_resolved' | 'four_eyes_required' | 'supervisor_required'; readonly message: string };

export interface NewCase {
  readonly id?: string;
  readonly kind: CaseKind;
  readonly priority: CasePriority;
  readonly subject: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly summary: string;
  readonly details: Record<string, unknown>;
}

export function openCase(input: NewCase, nowMs: number): ComplianceCase {
  return { ...input, id: input.id ?? newId('case'), status: 'open', assignee: null, notes: [], resolution: null, proposal: null, createdMs: nowMs, updatedMs: nowMs };
}

const resolved = (c: ComplianceCase): CaseError => ({ code: 'case_already_resolved', message: `Case ${c.id} is resolved (${c.resolution?.outcome}); it can no longer change.` });

export function assignCase(c: ComplianceCase, assignee: string, nowMs: number): Result<ComplianceCase, CaseError> {
  if (c.status === 'resolved') return err(resolved(c));
  return ok({ ...c, assignee, updatedMs: nowMs });
}

// Notes stay possible on a resolved case: a reviewer may add context after the fact, which the
// audit log records like any other action.
export function addCaseNote(c: ComplianceCase, author: string, text: string, nowMs: number): Result<ComplianceCase, CaseError> {
  return ok({ ...c, notes: [...c.notes, { atMs: nowMs, author, text }], updatedMs: nowMs });
}

/**
 * `cleared` resolves at once. `reported` (a suspicious-activity report) takes four eyes: the first call
 * records a proposal and the case stays open; a supervisor other than the proposer resolves it.
 */
export function resolveCase(c: ComplianceCase, outcome: CaseResolution, reason: string, by: StaffActor, nowMs: number): Result<ComplianceCase, CaseError> {
  if (c.status === 'resolved') return err(resolved(c));
  if (outcome === 'cleared') return ok({ ...c, status: 'resolved', resolution: { outcome, reason, by: by.actor, atMs: nowMs }, proposal: null, updatedMs: nowMs });
  if (!c.proposal) return ok({ ...c, proposal: { outcome, reason, by: by.actor, atMs: nowMs }, updatedMs: nowMs });
  if (c.proposal.by === by.actor) return err({ code: 'four_eyes_required', message: `Case ${c.id}: you proposed reporting it; a different supervisor must approve.` });
  if (by.role !== 'supervisor') return err({ code: 'supervisor_required', message: `Case ${c.id}: reporting is proposed; only a supervisor can approve it.` });
  return ok({ ...c, status: 'resolved', resolution: { outcome, reason, by: by.actor, atMs: nowMs, proposedBy: c.proposal.by }, proposal: null, updatedMs: nowMs });
}
