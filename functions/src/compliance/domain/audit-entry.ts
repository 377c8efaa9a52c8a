import { newId } from '../../shared/ids';

// One line of the append-only audit log. Entries are written in the same transaction as the
// change they describe and never rewritten, so the log is the trail a regulator reads.
export type AuditAction =
  | 'sanctions.screened'
  | 'sanctions.name_screened'
  | 'case.opened'
  | 'case.assigned'
  | 'case.note_added'
  | 'case.resolved'
  | 'case.report_proposed'
  | 'aml.alert_raised'
  | 'aml.report_filed'
  | 'identity.verification_decided'
  | 'sanctions.list_published'
  | 'sanctions.list_stale'
  // The merchant's team and keys (merchants context): who may act for the account.
  | 'account.member_invited'
  | 'account.member_joined'
  | 'account.member_role_changed'
  | 'account.member_removed'
  | 'account.app_user_linked'
  | 'api_key.created'
  | 'api_key.rolled'
  | 'api_key.revoked'
  // Disputes (payments context): opened, moved and closed by the processor, answered by the merchant.
  | 'dispute.opened'
  | 'dispute.updated'
  | 'dispute.closed'
  | 'dispute.evidence_updated'
  | 'dispute.accepted';

export interface AuditEntry {
  readonly id: string;
  /** ISO 8601, for people; atMs orders the log. */
  readonly at: string;
  readonly atMs: number;
  /** Who: `staff:<id>` for a person, `system:<function>` for automation, `user:<uid>` / `key:<key id>` for a merchant's member or key. */
  readonly actor: string;
  readonly action: AuditAction;
  /** What it is about: `payments/<id>`, `disputes/<id>`, `cases/<id>`, `customers/<key>`, `verifications/<id>`, `sanctions_lists/<id>`. */
  readonly subject: string;
  /** Why, in words a reviewer understands. */
  readonly reason: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export const SYSTEM_ACTORS = {
  sanctionsGate: 'system:screen-payment',
  amlMonitor: 'system:monitor-transactions',
  kycCheck: 'system:run-kyc-check',
  identityWebhook: 'system:identity-vendor-webhook',
  sanctionsRefresh: 'system:refresh-sanctions-list',
  processorNotifications: 'system:processor-notifications',
} as const;

export function auditEntry(input: Omit<AuditEntry, 'id' | 'at' | 'atMs'>, nowMs: number): AuditEntry {
  return { id: newId('aud'), at: new Date(nowMs).toISOString(), atMs: nowMs, ...input };
}
