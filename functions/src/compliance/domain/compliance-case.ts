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
  readonly resolution: { readonly outcome: CaseResolution; readonly reason: string; readonly by: string; readonly atMs: number } | null;
  readonly createdMs: number;
  readonly updatedMs: number;
}

export type CaseError = { readonly code: 'case_already_resolved'; readonly message: string };

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
  return { ...input, id: input.id ?? newId('case'), status: 'open', assignee: null, notes: [], resolution: null, createdMs: nowMs, updatedMs: nowMs };
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

export function resolveCase(c: ComplianceCase, outcome: CaseResolution, reason: string, by: string, nowMs: number): Result<ComplianceCase, CaseError> {
  if (c.status === 'resolved') return err(resolved(c));
  return ok({ ...c, status: 'resolved', resolution: { outcome, reason, by, atMs: nowMs }, updatedMs: nowMs });
}
