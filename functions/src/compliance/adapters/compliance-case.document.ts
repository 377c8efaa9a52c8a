import { z } from 'zod';
import { ComplianceCaseSchema } from '../application/compliance.records';
import { ComplianceCase } from '../domain/compliance-case';
import { Proven, SameShape } from '../../platform/adapters/stored-document';

// A case as stored in `cases`: written by the compliance store, the sanctions gate (through the
// payments gate runner) and the identity repository, all as plain JSON of the domain type; the
// schema is the one its record kind validates writes with (compliance.records.ts).
export const ComplianceCaseDocument = ComplianceCaseSchema satisfies z.ZodType<ComplianceCase>;

export type ComplianceCaseDocumentMatchesDomain = Proven<SameShape<z.output<typeof ComplianceCaseDocument>, ComplianceCase>>;
