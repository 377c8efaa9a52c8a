import { z } from 'zod';
import { toUnixSeconds } from '../../shared/clock';
import { AuditEntry } from '../domain/audit-entry';
import { ComplianceCase } from '../domain/compliance-case';

// HTTP shapes of the compliance staff API (cases and the audit log). Wire format snake_case.
const limit = z.coerce.number().int().min(1).max(100).default(20);

// The case vocabularies, shared by the API objects and the stored documents.
export const CaseKindValue = z.enum(['sanctions_hit', 'aml_alert', 'identity_review']);
export const CaseStatusValue = z.enum(['open', 'resolved']);
export const CasePriorityValue = z.enum(['high', 'normal']);
export const CaseOutcomeValue = z.enum(['cleared', 'reported']);

export const ListCasesQuery = z.object({ status: CaseStatusValue.optional(), limit, starting_after: z.string().max(200).optional() }).strict();
export const ListAuditLogQuery = z.object({ subject: z.string().max(300).optional(), limit, starting_after: z.string().max(200).optional() }).strict();
export const AssignCaseRequest = z.object({ assignee: z.string().trim().min(1).max(200) }).strict();
export const AddCaseNoteRequest = z.object({ note: z.string().trim().min(1).max(5000) }).strict();
export const ResolveCaseRequest = z.object({ resolution: CaseOutcomeValue, reason: z.string().trim().min(1).max(2000) }).strict();

export const CaseObject = z.object({
  id: z.string(),
  object: z.literal('case'),
  kind: CaseKindValue,
  status: CaseStatusValue,
  priority: CasePriorityValue,
  subject: z.string(),
  merchant_id: z.string(),
  livemode: z.boolean(),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  assignee: z.string().nullable(),
  notes: z.array(z.object({ created: z.number().int(), author: z.string(), text: z.string() })),
  resolution: z.object({ outcome: CaseOutcomeValue, reason: z.string(), by: z.string(), created: z.number().int() }).nullable(),
  created: z.number().int(),
  updated: z.number().int(),
});

export const AuditEntryObject = z.object({
  id: z.string(),
  object: z.literal('audit_entry'),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  subject: z.string(),
  reason: z.string(),
  details: z.record(z.string(), z.unknown()),
});

export const CaseList = z.object({ object: z.literal('list'), data: z.array(CaseObject), has_more: z.boolean() });
export const AuditLogList = z.object({ object: z.literal('list'), data: z.array(AuditEntryObject), has_more: z.boolean() });

export const presentCase = (c: ComplianceCase): z.infer<typeof CaseObject> => ({
  id: c.id,
  object: 'case',
  kind: c.kind,
  status: c.status,
  priority: c.priority,
  subject: c.subject,
  merchant_id: c.merchantId,
  livemode: c.livemode,
  summary: c.summary,
  details: { ...c.details },
  assignee: c.assignee,
  notes: c.notes.map((n) => ({ created: toUnixSeconds(n.atMs), author: n.author, text: n.text })),
  resolution: c.resolution ? { outcome: c.resolution.outcome, reason: c.resolution.reason, by: c.resolution.by, created: toUnixSeconds(c.resolution.atMs) } : null,
  created: toUnixSeconds(c.createdMs),
  updated: toUnixSeconds(c.updatedMs),
});

export const presentAuditEntry = (e: AuditEntry): z.infer<typeof AuditEntryObject> => ({
  id: e.id,
  object: 'audit_entry',
  at: e.at,
  actor: e.actor,
  action: e.action,
  subject: e.subject,
  reason: e.reason,
  details: { ...e.details },
});
