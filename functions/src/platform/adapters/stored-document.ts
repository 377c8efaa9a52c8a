import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { z } from 'zod';

/**
 * A document read back from Firestore does not match its schema: written by another version, or
 * edited by hand. Not transient, but not an expected outcome either, so it is thrown. The message
 * names where the document is and which fields are wrong, never what they hold: documents carry
 * personal data and this message ends up in logs.
 */
export class InvalidStoredDocumentError extends Error {
  readonly code = 'invalid_stored_document';

  constructor(
    readonly collection: string,
    readonly documentId: string,
    /** `path: issue code`, e.g. `notes.0.atMs: invalid_type (expected number)`. */
    readonly issues: readonly string[],
  ) {
    super(`Stored document ${collection}/${documentId} does not match its schema: ${issues.join('; ')}`);
    this.name = 'InvalidStoredDocumentError';
  }
}

// Built from the issue's code and expected type only; zod's messages may quote the input.
const describe = (issue: z.core.$ZodIssue): string => {
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(document)';
  const expected = 'expected' in issue && typeof issue.expected === 'string' ? ` (expected ${issue.expected})` : '';
  return `${path}: ${issue.code}${expected}`;
};

/** The document's data through its schema, or InvalidStoredDocumentError. */
export function parseStoredDocument<S extends z.ZodType>(schema: S, collection: string, documentId: string, data: unknown): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new InvalidStoredDocumentError(collection, documentId, parsed.error.issues.map(describe));
  return parsed.data;
}

/** A snapshot through its schema; null when the document does not exist. */
export function storedDocumentOf<S extends z.ZodType>(schema: S, snap: DocumentSnapshot): z.output<S> | null {
  return snap.exists ? parseStoredDocument(schema, snap.ref.parent.path, snap.id, snap.data()) : null;
}

// Compile-time drift check. `satisfies z.ZodType<Domain>` only proves the schema's output fits the
// domain type; z.object also drops keys it does not know, so a field added to the domain type but
// not to the schema would vanish on every read. SameShape compares both ways with every field made
// required and optional ones marked, so a field missing on either side or optional on one side only
// (at any depth) fails to compile.
type Exact<T> = T extends readonly (infer E)[]
  ? Exact<E>[]
  : T extends object
    ? { -readonly [K in keyof T]-?: {} extends Pick<T, K> ? ['optional', Exact<Exclude<T[K], undefined>>] : Exact<T[K]> }
    : T;
export type SameShape<Schema, Domain> = [Exact<Schema>] extends [Exact<Domain>] ? ([Exact<Domain>] extends [Exact<Schema>] ? true : false) : false;
/** `export type XDocumentMatchesDomain = Proven<SameShape<z.output<typeof XDocument>, X>>;` fails to compile on drift. */
export type Proven<T extends true> = T;

/**
 * A failure that no redelivery can cure: a stored document (or any data) that does not match its
 * schema fails the same way every time. Consumers record it as a dead letter and acknowledge,
 * instead of retrying until the queue or the subscription gives up and the evidence is lost.
 */
export function isUnfitData(error: unknown): boolean {
  return error instanceof InvalidStoredDocumentError || error instanceof z.ZodError;
}
