import { z } from 'zod';
import { AuditEntry } from '../domain/audit-entry';
import { AuditEntrySchema } from '../application/compliance.records';
import { Proven, SameShape } from '../../platform/adapters/stored-document';

/** One line of `audit_log`, append-only: the schema its writes are validated with (compliance.records.ts). */
export const AuditEntryDocument = AuditEntrySchema satisfies z.ZodType<AuditEntry>;

export type AuditEntryDocumentMatchesDomain = Proven<SameShape<z.output<typeof AuditEntryDocument>, AuditEntry>>;
