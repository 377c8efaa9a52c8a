import { z } from 'zod';

// Compliance API bodies (v1): the sanctions screening endpoint (merchant key) and the staff API for
// cases and the audit log (staff key). The same schemas validate requests and document them in
// OpenAPI. Wire format snake_case; the presenters in compliance/application map the domain onto them.

// POST /v1/sanctions/screen
export const ScreenNameRequestSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .regex(/[\p{L}\p{N}]/u, 'name must contain at least one letter or digit'),
    type: z.enum(['individual', 'entity']).optional(),
  })
  .strict();
export type ScreenNameRequest = z.infer<typeof ScreenNameRequestSchema>;

export const SanctionsMatchBodySchema = z.object({
  list: z.string(),
  entity_id: z.number().int(),
  name: z.string(),
  matched_name: z.string(),
  score: z.number().min(0).max(1),
  strength: z.enum(['strong', 'weak']),
});

export const ScreenNameResponseSchema = z.object({
  matches: z.array(SanctionsMatchBodySchema),
  /** The list version the decision was made against, for the audit trail. */
  list_version: z.string(),
});
export type ScreenNameResponse = z.infer<typeof ScreenNameResponseSchema>;

// Cases and the audit log (staff).
const limit = z.coerce.number().int().min(1).max(100).default(20);

// The case vocabularies, shared by the API objects and the stored documents.
export const CaseKindValue = z.enum(['sanctions_hit', 'aml_alert', 'identity_review', 'reconciliation']);
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
  /** `proposed_by`: for a `reported` resolution, the member of staff who proposed it (the approver is `by`). */
  resolution: z.object({ outcome: CaseOutcomeValue, reason: z.string(), by: z.string(), proposed_by: z.string().nullable(), created: z.number().int() }).nullable(),
  /** A report proposed and waiting for a different supervisor's approval (four eyes); null otherwise. */
  proposed_resolution: z.object({ outcome: z.literal('reported'), reason: z.string(), by: z.string(), created: z.number().int() }).nullable(),
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
