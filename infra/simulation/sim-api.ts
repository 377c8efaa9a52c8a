import { randomUUID } from 'node:crypto';
import { Agent, request } from 'undici';

let pool = new Agent({ connections: 128, keepAliveTimeout: 10_000 });

/** Closes the workload's connections at the end of a run (a new pool serves the next run). */
export async function closeSimApiPool(): Promise<void> {
  const old = pool;
  pool = new Agent({ connections: 128, keepAliveTimeout: 10_000 });
  await old.close().catch(() => undefined);
}

export interface Answer {
  status: number;
  body: any;
}

/** What the workload saw per Idempotency-Key: the objects its 2xx answers named and its refusal codes. */
export type EffectLog = Map<string, { ids: Set<string>; refusals: Set<string> }>;

export class OperationCounter {
  private readonly counts = new Map<string, number>();
  add(kind: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }
  byKind(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}

// Retry like a careful client: the same Idempotency-Key on a network error, a 5xx or a 409
// lock_timeout (contention), with backoff, for as long as a functions restart may take.
const RETRY_FOR_MS = 120_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SimApi {
  constructor(
    private readonly baseUrl: string,
    private readonly secretKey: string,
    private readonly effects: EffectLog,
    private readonly operations: OperationCounter,
  ) {}

  /** One logical operation: retried with the same key until it has a final answer. */
  async send(operation: string, method: 'GET' | 'POST', path: string, body?: unknown, key: string | null = method === 'POST' ? randomUUID() : null): Promise<Answer> {
    this.operations.add(operation);
    const deadline = Date.now() + RETRY_FOR_MS;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.once(method, path, body, key);
      const retry = answer === null || answer.status >= 500 || (answer.status === 409 && answer.body?.error?.code === 'lock_timeout') || answer.status === 429;
      if (!retry) {
        if (key) this.record(key, answer);
        return answer;
      }
      if (Date.now() > deadline) return answer ?? { status: 0, body: { error: { code: 'unreachable' } } };
      await sleep(Math.min(2_000, 100 * 2 ** Math.min(attempt, 5)));
    }
  }

  private async once(method: string, path: string, body: unknown, key: string | null): Promise<Answer | null> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.secretKey}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (key) headers['idempotency-key'] = key;
    try {
      const response = await request(`${this.baseUrl}${path}`, { method: method as 'GET', headers, body: body === undefined ? undefined : JSON.stringify(body), dispatcher: pool, signal: AbortSignal.timeout(30_000) });
      const text = await response.body.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // a non-JSON answer is kept as text
      }
      return { status: response.statusCode, body: parsed };
    } catch {
      return null; // connection refused (functions restarting), reset or timeout: retry
    }
  }

  private record(key: string, answer: Answer): void {
    const effect = this.effects.get(key) ?? { ids: new Set<string>(), refusals: new Set<string>() };
    this.effects.set(key, effect);
    if (answer.status >= 200 && answer.status < 300 && typeof answer.body?.id === 'string') effect.ids.add(answer.body.id);
    else if (answer.status >= 400 && answer.status < 500) effect.refusals.add(String(answer.body?.error?.code ?? answer.status));
  }
}
