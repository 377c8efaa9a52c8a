import { z } from 'zod';
import { AuditEntry } from '../domain/audit-entry';
import { Proven, SameShape } from '../../platform/adapters/stored-document';

/** One line of `audit_log`, append-only. */
export const AuditEntryDocument = z.object({
  id: z.string(),
  at: z.string(),
  atMs: z.number().int(),
  actor: z.string(),
  action: z.enum([
    'sanctions.screened',
    'sanctions.name_screened',
    'case.opened',
    'case.assigned',
    'case.note_added',
    'case.resolved',
    'aml.alert_raised',
    'aml.report_filed',
    'identity.verification_decided',
    'sanctions.list_published',
    'sanctions.list_stale',
  ]),
  subject: z.string(),
  reason: z.string(),
  details: z.record(z.string(), z.unknown()),
}) satisfies z.ZodType<AuditEntry>;

export type AuditEntryDocumentMatchesDomain = Proven<SameShape<z.output<typeof AuditEntryDocument>, AuditEntry>>;
