import { sha256Hex } from '../../shared/ids';

// A merchant's retry with the same Idempotency-Key gets the first answer again, byte for byte.
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface IdempotencyRecord {
  readonly merchantId: string;
  readonly keyHash: string;
  readonly requestHash: string;
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
  readonly createdMs: number;
  readonly expiresMs: number;
}

/** What an idempotent mutation needs of a transaction: the key's record, read and staged with the effect. */
export interface IdempotencyTransaction {
  getIdempotencyRecord(merchantId: string, keyHash: string): Promise<IdempotencyRecord | null>;
  saveIdempotencyRecord(record: IdempotencyRecord): void;
}

/** Runs work in one atomic transaction (the context's store; payments' today). */
export interface TransactionRunner<Tx> {
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

export type IdempotencyCheck =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'replay'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'mismatch' };

export const hashRequest = (method: string, path: string, body: unknown): string => sha256Hex(`${method} ${path} ${stableJson(body)}`);

export function checkIdempotency(existing: IdempotencyRecord | null, requestHash: string, nowMs: number): IdempotencyCheck {
  if (!existing || existing.expiresMs <= nowMs) return { kind: 'fresh' };
  if (existing.requestHash !== requestHash) return { kind: 'mismatch' };
  return { kind: 'replay', status: existing.status, body: existing.body };
}

// Key order must not matter: {"a":1,"b":2} and {"b":2,"a":1} are the same request.
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
