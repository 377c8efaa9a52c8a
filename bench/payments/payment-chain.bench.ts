import type { Firestore } from 'firebase-admin/firestore';
import { randomUUID } from 'node:crypto';

export interface ChainOptions {
  apiUrl: string;
  db: Firestore;
  secretKeys: readonly string[];
  payments: number;
  concurrency: number;
  /** Per payment, create→terminal; a payment past it counts as timed out, not as a crash. */
  timeoutMs: number;
}

export interface ChainResult {
  succeeded: number;
  failed: number;
  timedOut: number;
  createErrors: Record<string, number>;
  seconds: number;
  paymentsPerSecond: number;
  latenciesMs: number[];
}

const TERMINAL = ['succeeded', 'failed', 'canceled'];
const SWEEP_EVERY_MS = 2_000;

/**
 * Completion is watched on Firestore (one listener on `payments`, plus a slow sweep in case a
 * change is missed) rather than by polling GET /v1/payments, so the measurement adds no API load.
 */
class CompletionWatcher {
  private readonly seen = new Map<string, { status: string; atMs: number }>();
  private readonly waiting = new Map<string, (outcome: { status: string; atMs: number }) => void>();
  private readonly unsubscribe: () => void;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly db: Firestore) {
    this.unsubscribe = db
      .collection('payments')
      .where('status', 'in', TERMINAL)
      .onSnapshot(
        (snap) => {
          const atMs = performance.now();
          for (const change of snap.docChanges()) if (change.type !== 'removed') this.settle(change.doc.id, String(change.doc.get('status')), atMs);
        },
        () => undefined,
      );
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
  }

  wait(id: string, timeoutMs: number): Promise<{ status: string; atMs: number } | null> {
    const known = this.seen.get(id);
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(null);
      }, timeoutMs);
      this.waiting.set(id, (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      });
    });
  }

  close(): void {
    clearInterval(this.sweeper);
    this.unsubscribe();
  }

  private settle(id: string, status: string, atMs: number): void {
    if (!TERMINAL.includes(status) || this.seen.has(id)) return;
    this.seen.set(id, { status, atMs });
    const resolve = this.waiting.get(id);
    this.waiting.delete(id);
    resolve?.({ status, atMs });
  }

  private async sweep(): Promise<void> {
    const ids = [...this.waiting.keys()];
    if (ids.length === 0) return;
    const snaps = await this.db.getAll(...ids.map((id) => this.db.collection('payments').doc(id))).catch(() => []);
    const atMs = performance.now();
    for (const snap of snaps) if (snap.exists) this.settle(snap.id, String(snap.get('status')), atMs);
  }
}

async function createPayment(apiUrl: string, secretKey: string, index: number): Promise<{ id: string } | { error: string }> {
  try {
    const response = await fetch(`${apiUrl}/v1/payments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ amount: 1_000 + (index % 500), currency: 'usd', payment_method: 'pm_card_visa' }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await response.json().catch(() => ({}))) as { id?: string; error?: { code?: string } };
    if (response.status === 201 && body.id) return { id: body.id };
    return { error: `${response.status} ${body.error?.code ?? ''}`.trim() };
  } catch (error) {
    return { error: error instanceof Error ? error.name : 'fetch_failed' };
  }
}

/** A pool of `concurrency` workers, each creating one payment and waiting for it to finish before the next. */
export async function drivePayments(options: ChainOptions): Promise<ChainResult> {
  const watcher = new CompletionWatcher(options.db);
  const result: ChainResult = { succeeded: 0, failed: 0, timedOut: 0, createErrors: {}, seconds: 0, paymentsPerSecond: 0, latenciesMs: [] };
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < options.payments) {
          const index = next++;
          const t0 = performance.now();
          const created = await createPayment(options.apiUrl, options.secretKeys[index % options.secretKeys.length], index);
          if ('error' in created) {
            result.createErrors[created.error] = (result.createErrors[created.error] ?? 0) + 1;
            continue;
          }
          const outcome = await watcher.wait(created.id, options.timeoutMs);
          if (!outcome) result.timedOut += 1;
          else if (outcome.status === 'succeeded') {
            result.succeeded += 1;
            result.latenciesMs.push(outcome.atMs - t0);
          } else result.failed += 1;
        }
      }),
    );
  } finally {
    watcher.close();
  }
  result.seconds = (performance.now() - started) / 1000;
  result.paymentsPerSecond = result.succeeded / result.seconds;
  result.latenciesMs.sort((a, b) => a - b);
  return result;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}
