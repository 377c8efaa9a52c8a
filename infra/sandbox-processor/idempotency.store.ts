import { isDeepStrictEqual } from 'node:util';

/** A response as the sandbox will send it: status plus JSON body. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

interface Entry {
  method: string;
  path: string;
  body: unknown;
  response: StoredResponse;
}

export type IdempotencyLookup =
  | { kind: 'new' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' };

/**
 * First responses per Idempotency-Key, plus the per-key attempt counters used by the
 * processor_error scenario. Keys are global, as at real processors: reusing one for a
 * different endpoint counts as a different request.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private readonly attempts = new Map<string, number>();

  lookup(key: string, method: string, path: string, body: unknown): IdempotencyLookup {
    const entry = this.entries.get(key);
    if (entry === undefined) return { kind: 'new' };
    // Bodies are compared as parsed JSON so key order and whitespace do not matter.
    const same = entry.method === method && entry.path === path && isDeepStrictEqual(entry.body, body);
    return same ? { kind: 'replay', response: entry.response } : { kind: 'mismatch' };
  }

  remember(key: string, method: string, path: string, body: unknown, response: StoredResponse): void {
    this.entries.set(key, { method, path, body, response });
  }

  /** Counts one more attempt for the key and returns how many there have been, this one included. */
  countAttempt(key: string): number {
    const count = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, count);
    return count;
  }

  reset(): void {
    this.entries.clear();
    this.attempts.clear();
  }
}
