import { Clock } from '../../shared/clock';
import { err, ok, Result } from '../../shared/result';
import { auditEntry, AuditAction } from '../domain/audit-entry';
import { addCaseNote, assignCase, CaseError, CaseResolution, ComplianceCase, resolveCase, type StaffRole } from '../domain/compliance-case';
import { ComplianceStore } from './compliance.store';

export type CaseAction =
  | { readonly kind: 'assign'; readonly assignee: string }
  | { readonly kind: 'note'; readonly note: string }
  | { readonly kind: 'resolve'; readonly resolution: CaseResolution; readonly reason: string };

export type CaseActionError = CaseError | { readonly code: 'case_not_found'; readonly message: string };

const AUDIT_ACTION: Record<CaseAction['kind'], AuditAction> = { assign: 'case.assigned', note: 'case.note_added', resolve: 'case.resolved' };

/** A staff member's action on a case; the case and its audit entry commit together. */
export async function actOnCase(
  deps: { store: ComplianceStore; clock: Clock },
  staff: { staffId: string; role: StaffRole },
  caseId: string,
  action: CaseAction,
): Promise<Result<ComplianceCase, CaseActionError>> {
  const actor = `staff:${staff.staffId}`;
  return deps.store.transaction(async (tx) => {
    const current = await tx.getCase(caseId);
    if (!current) return err({ code: 'case_not_found' as const, message: `No such case: '${caseId}'` });
    const nowMs = deps.clock.nowMs();
    const next =
      action.kind === 'assign'
        ? assignCase(current, action.assignee, nowMs)
        : action.kind === 'note'
          ? addCaseNote(current, actor, action.note, nowMs)
          : resolveCase(current, action.resolution, action.reason, { actor, role: staff.role }, nowMs);
    if (!next.ok) return next;
    tx.saveCase(next.value);
    // A `reported` that only records a proposal is audited as such; the approval as the resolution (with both names).
    const proposed = action.kind === 'resolve' && next.value.status === 'open';
    const details = { ...detailsOf(action, current), ...(next.value.resolution?.proposedBy ? { proposedBy: next.value.resolution.proposedBy, approvedBy: actor } : {}) };
    tx.appendAudit(auditEntry({ actor, action: proposed ? 'case.report_proposed' : AUDIT_ACTION[action.kind], subject: `cases/${caseId}`, reason: reasonOf(action), details }, nowMs));
    return ok(next.value);
  });
}

function reasonOf(action: CaseAction): string {
  if (action.kind === 'assign') return `Assigned to ${action.assignee}.`;
  if (action.kind === 'note') return 'Note added.';
  return action.reason;
}

function detailsOf(action: CaseAction, before: ComplianceCase): Record<string, unknown> {
  if (action.kind === 'assign') return { assignee: action.assignee, previousAssignee: before.assignee };
  if (action.kind === 'note') return { note: action.note };
  return { resolution: action.resolution, about: before.subject };
}
