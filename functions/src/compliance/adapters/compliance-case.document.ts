import { z } from 'zod';
import { CaseKindValue, CaseOutcomeValue, CasePriorityValue, CaseStatusValue } from '../../contracts/compliance-api.v1';
import { ComplianceCase } from '../domain/compliance-case';
import { Proven, SameShape } from '../../platform/adapters/stored-document';

// A case as stored in `cases`: written by the compliance store, the sanctions gate (through the
// payments gate runner) and the identity repository, all as plain JSON of the domain type.
export const ComplianceCaseDocument = z.object({
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
  resolution: z.object({ outcome: CaseOutcomeValue, reason: z.string(), by: z.string(), atMs: z.number().int() }).nullable(),
  createdMs: z.number().int(),
  updatedMs: z.number().int(),
}) satisfies z.ZodType<ComplianceCase>;

export type ComplianceCaseDocumentMatchesDomain = Proven<SameShape<z.output<typeof ComplianceCaseDocument>, ComplianceCase>>;
