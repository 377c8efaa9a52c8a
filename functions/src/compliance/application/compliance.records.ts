import { z } from 'zod';
import { recordKind } from '../../shared/context-record';
import { COMPLIANCE_COLLECTIONS } from './compliance.store';
import { CaseKindValue, CaseOutcomeValue, CasePriorityValue, CaseStatusValue } from '../../contracts/compliance-api.v1';

// Compliance documents that other contexts' transactions commit (the sanctions gate's screening,
// case and audit entries through payments' transaction; a name screening's audit entry with its
// request): record kinds of the compliance context, see shared/context-record.ts. The adapters read
// the same documents back with these schemas (audit-entry.document.ts, compliance-case.document.ts).

const C = COMPLIANCE_COLLECTIONS;

/** One line of `audit_log`, append-only. */
export const AuditEntrySchema = z.object({
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
    'case.report_proposed',
    'aml.alert_raised',
    'aml.report_filed',
    'identity.verification_decided',
    'sanctions.list_published',
    'sanctions.list_stale',
    'account.member_invited',
    'account.member_joined',
    'account.member_role_changed',
    'account.member_removed',
    'account.app_user_linked',
    'api_key.created',
    'api_key.rolled',
    'api_key.revoked',
    'dispute.opened',
    'dispute.updated',
    'dispute.closed',
    'dispute.evidence_updated',
    'dispute.accepted',
  ]),
  subject: z.string(),
  reason: z.string(),
  details: z.record(z.string(), z.unknown()),
});

// A case as stored in `cases`: written by the compliance store, the sanctions gate (through the
// payments gate runner) and the identity repository, all as plain JSON of the domain type.
export const ComplianceCaseSchema = z.object({
  id: z.string(),
  kind: CaseKindValue,
  status: CaseStatusValue,
  priority: CasePriorityValue,
  subject: z.string(),
  merchantId: z.string(),
  livemode: z.boolean(),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  assignee: z.string().nullable(),
  notes: z.array(z.object({ atMs: z.number().int(), author: z.string(), text: z.string() })),
  resolution: z.object({ outcome: CaseOutcomeValue, reason: z.string(), by: z.string(), atMs: z.number().int(), proposedBy: z.string().optional() }).nullable(),
  proposal: z.object({ outcome: z.literal('reported'), reason: z.string(), by: z.string(), atMs: z.number().int() }).nullable().default(null),
  createdMs: z.number().int(),
  updatedMs: z.number().int(),
});

const Country = z.string().nullable();

/** `screenings/<paymentId>`: what the sanctions gate checked for a payment and what it found. */
export const PaymentScreeningSchema = z.strictObject({
  paymentId: z.string().min(1),
  merchantId: z.string().min(1),
  livemode: z.boolean(),
  screenedName: z.string().nullable(),
  nameNotScreened: z.enum(['domestic', 'no_customer_name']).nullable(),
  customerCountry: Country,
  cardCountry: Country,
  ipCountry: Country,
  merchantCountry: Country,
  jurisdictions: z.array(z.object({ source: z.enum(['customer', 'card', 'ip', 'merchant']), code: z.string(), jurisdiction: z.string() })),
  jurisdictionListVersion: z.string(),
  decision: z.enum(['block', 'review', 'clear']),
  listVersion: z.string().nullable(),
  matches: z.array(
    z.object({ list: z.string(), entityId: z.number().int(), name: z.string(), matchedName: z.string(), score: z.number(), strength: z.enum(['strong', 'weak']), programs: z.array(z.string()) }),
  ),
  atMs: z.number().int(),
});

/** Append-only: an entry is written once and never updated. */
export const AUDIT_ENTRY = recordKind({ name: 'audit_entry', collection: C.auditOutbox, schema: AuditEntrySchema, write: 'create' });
/** Created once, keyed by what it is about; later changes go through the compliance store. */
export const COMPLIANCE_CASE = recordKind({ name: 'compliance_case', collection: C.cases, schema: ComplianceCaseSchema, write: 'create' });
/** Append-only: a payment is screened once by the gate. */
export const PAYMENT_SCREENING = recordKind({ name: 'payment_screening', collection: C.screenings, schema: PaymentScreeningSchema, write: 'create' });

/** `aml_reports/ctr_<customerKey>_<day>`: a currency transaction report the AML monitor files. */
export const AmlReportSchema = z.strictObject({
  id: z.string().min(1),
  type: z.literal('CTR'),
  livemode: z.boolean(),
  customerKey: z.string().min(1),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  totalUsdCents: z.number().int().nonnegative(),
  caseId: z.string().min(1),
  ruleVersion: z.string(),
  atMs: z.number().int(),
});

/** Append-only: filed once per customer and day (keyed like its case). */
export const AML_REPORT = recordKind({ name: 'aml_report', collection: C.reports, schema: AmlReportSchema, write: 'create' });
