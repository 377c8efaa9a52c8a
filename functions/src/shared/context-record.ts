import { z } from 'zod';

// Records one context keeps with another context's transaction: the fraud gate's risk assessment,
// the sanctions gate's screening, case and audit entries, a KYB verification committed with the
// request's idempotency record. They travel through payments' transaction (`tx.create(record)`).
//
// Why a kind object declared by its owner, and not one union of every kind: a union has to live
// where payments can see it, so payments (or contracts/) would import the documents of fraud,
// compliance and identity, and every new record would edit payments. Instead the port is generic
// over a registered kind: the owning context declares each kind once (its collection, its zod
// schema, how it is written) beside its other ports, and payments only knows this interface from
// the shared kernel. Dependencies stay inward (fraud/compliance/identity → shared ← payments), and
// the schema that validates a write is the one the owner reads the document back with.

/** How a record is written. */
export type RecordWrite =
  /** Append-only (audit entries, assessments, screenings, cases): Firestore `create`, so a second write of the same id fails the commit instead of overwriting. */
  | 'create'
  /** A document its owner updates later (a verification, a pointer): Firestore `set`. */
  | 'set';

export interface RecordKind<T> {
  /** Stable name, e.g. `risk_assessment`; shown in errors. */
  readonly name: string;
  readonly collection: string;
  /** Checked before the record is staged: an invalid record never reaches the transaction. */
  readonly schema: z.ZodType<T>;
  readonly write: RecordWrite;
}

export interface ContextRecord<T = unknown> {
  readonly kind: RecordKind<T>;
  readonly id: string;
  readonly data: T;
}

/** Declares a kind; `as const`-free so T is inferred from the schema. */
export const recordKind = <T>(kind: RecordKind<T>): RecordKind<T> => kind;

export const contextRecord = <T>(kind: RecordKind<T>, id: string, data: T): ContextRecord<T> => ({ kind, id, data });

/** A record refused before staging: its data does not match its kind's schema, or its id cannot name a document. */
export class InvalidContextRecordError extends Error {
  readonly code = 'invalid_context_record';

  constructor(
    readonly kind: string,
    readonly recordId: string,
    /** `path: issue code`, never the values: records carry personal data and this message is logged. */
    readonly issues: readonly string[],
  ) {
    super(`Record ${kind} ${recordId} is invalid: ${issues.join('; ')}`);
    this.name = 'InvalidContextRecordError';
  }
}

/** An append-only record whose id is already written (what Firestore's `create` answers with ALREADY_EXISTS). */
export class ContextRecordExistsError extends Error {
  readonly code = 'context_record_exists';

  constructor(
    readonly collection: string,
    readonly recordId: string,
  ) {
    super(`Document ${collection}/${recordId} already exists; it is append-only`);
    this.name = 'ContextRecordExistsError';
  }
}

// Firestore document ids: non-empty, no '/', not '.' or '..', not __reserved__, at most 1,500 bytes.
const DocumentId = z
  .string()
  .min(1)
  .refine((id) => !id.includes('/') && id !== '.' && id !== '..' && !/^__.*__$/.test(id) && Buffer.byteLength(id, 'utf8') <= 1500, 'not a Firestore document id');

const describe = (issue: z.core.$ZodIssue): string => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(record)'}: ${issue.code}`;

/** What an adapter stages: the parsed data (unknown keys dropped by the schema) and where it goes. */
export interface ValidatedRecord {
  readonly kind: string;
  readonly collection: string;
  readonly id: string;
  readonly data: object;
  readonly write: RecordWrite;
}

/** Validates a record against its kind; throws InvalidContextRecordError, so nothing is staged. */
export function validateRecord(record: ContextRecord): ValidatedRecord {
  const issues: string[] = [];
  if (!DocumentId.safeParse(record.id).success) issues.push('id: invalid_document_id');
  const parsed = record.kind.schema.safeParse(record.data);
  if (!parsed.success) issues.push(...parsed.error.issues.map(describe));
  else if (typeof parsed.data !== 'object' || parsed.data === null || Array.isArray(parsed.data)) issues.push('(record): not_an_object');
  if (issues.length > 0 || !parsed.success) throw new InvalidContextRecordError(record.kind.name, String(record.id), issues);
  return { kind: record.kind.name, collection: record.kind.collection, id: record.id, data: parsed.data as object, write: record.kind.write };
}
