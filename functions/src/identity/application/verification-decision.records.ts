import { auditEntry, AuditEntry } from '../../compliance/domain/audit-entry';
import { ComplianceCase, openCase } from '../../compliance/domain/compliance-case';
import { isFinal, Verification, VerificationSubject } from '../domain/verification';

/** What a KYC/KYB decision leaves in the compliance trail, written with the status change. */
export interface DecisionRecords {
  readonly audit: readonly AuditEntry[];
  readonly cases: readonly ComplianceCase[];
}

/** Given the stored version and its replacement, the records to commit in the same transaction. */
export type DecisionRecorder = (before: Verification, after: Verification) => DecisionRecords;

export const NO_RECORDS: DecisionRecords = { audit: [], cases: [] };

export const verificationSubject = (id: string): string => `verifications/${id}`;

/** The case for a verification is keyed by it: a retried transaction can never open a second one. */
export const verificationCaseId = (id: string): string => `case_${id}`;

/**
 * Records a decision only at the moment it is taken (pending → final): a retried task or a late
 * vendor answer re-applies the same state and must not log a second decision. A sanctions hit
 * (strong or weak) or a review request opens a case for the compliance team.
 */
export function verificationDecisionRecords(actor: string, nowMs: number): DecisionRecorder {
  return (before, after) => {
    if (isFinal(before.status) || !isFinal(after.status)) return NO_RECORDS;
    const subject = verificationSubject(after.id);
    const screening = after.subjects.map(screeningDetail);
    const vendor = after.subjects.filter((s) => s.vendor?.outcome).map((s) => ({ ref: s.ref, outcome: s.vendor?.outcome, reasons: s.vendor?.reasons ?? [] }));
    const audit: AuditEntry[] = [
      auditEntry(
        {
          actor,
          action: 'identity.verification_decided',
          subject,
          reason: reasonFor(after),
          details: { status: after.status, type: after.type, ownerId: after.ownerId, reasons: after.reasons, screening, vendor },
        },
        nowMs,
      ),
    ];
    const cases: ComplianceCase[] = [];
    const hits = after.subjects.filter((s) => s.screening && s.screening.outcome !== 'clear');
    if (hits.length > 0 || after.status === 'requires_review') {
      const strong = hits.some((s) => s.screening?.outcome === 'strong_hit');
      const opened = openCase(
        {
          id: verificationCaseId(after.id),
          kind: hits.length > 0 ? 'sanctions_hit' : 'identity_review',
          priority: strong ? 'high' : 'normal',
          subject,
          // Cases belong to a merchant; an app user's KYC belongs to the platform itself.
          merchantId: after.type === 'kyb' ? after.ownerId : '',
          livemode: true,
          summary: caseSummary(after, hits),
          details: { verificationId: after.id, type: after.type, ownerId: after.ownerId, status: after.status, reasons: after.reasons, screening: hits.map(screeningDetail), vendor },
        },
        nowMs,
      );
      cases.push(opened);
      audit.push(auditEntry({ actor, action: 'case.opened', subject: `cases/${opened.id}`, reason: opened.summary, details: { kind: opened.kind, about: subject } }, nowMs));
    }
    return { audit, cases };
  };
}

function screeningDetail(s: VerificationSubject) {
  return { ref: s.ref, kind: s.kind, outcome: s.screening?.outcome ?? 'not_screened', listVersion: s.screening?.listVersion ?? null, topMatch: s.screening?.topMatch ?? null };
}

function reasonFor(v: Verification): string {
  const why = v.reasons.length > 0 ? `: ${v.reasons.join('; ')}` : ': sanctions screening clear and identity vendor approved every subject';
  return `${v.type.toUpperCase()} verification ${v.status}${why}`;
}

function caseSummary(v: Verification, hits: readonly VerificationSubject[]): string {
  const top = hits.map((s) => s.screening).find((s) => s?.outcome === 'strong_hit') ?? hits[0]?.screening;
  if (top?.topMatch) {
    const strength = top.outcome === 'strong_hit' ? 'Strong' : 'Weak';
    return `${strength} sanctions match in ${v.type.toUpperCase()} ${v.id} (${top.topMatch.matchedName}, entry ${top.topMatch.entityId}, ${top.topMatch.score}): ${v.status}`;
  }
  if (top) return `${v.type.toUpperCase()} ${v.id}: a name could not be screened; ${v.status}`;
  return `${v.type.toUpperCase()} ${v.id}: identity vendor asked for review`;
}
