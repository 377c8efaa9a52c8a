import type { Firestore } from 'firebase-admin/firestore';
import { randomUUID } from 'node:crypto';
import { CompletionWatcher } from './completion-watcher';

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
  /** Median ms from the create request to the first sighting of each stage, over succeeded payments. */
  stageP50Ms: Record<string, number>;
}

async function createPayment(apiUrl: string, secretKey: string, index: number): Promise<{ id: string } | { error: string }> {
  try {
    const response = await fetch(`${apiUrl}/v1/payments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      // Distinct customers and cards, like real traffic (and so that a fraud gate scores ordinary payments).
      body: JSON.stringify({
        amount: 1_000 + (index % 500),
        currency: 'usd',
        payment_method: `pm_card_visa_us_${index}`,
        customer: { email: `customer${index}@example.com`, country: 'US', ip: `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}` },
      }),
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
  const result: ChainResult = { succeeded: 0, failed: 0, timedOut: 0, createErrors: {}, seconds: 0, paymentsPerSecond: 0, latenciesMs: [], stageP50Ms: {} };
  const sinceCreate: Record<string, number[]> = {};
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < options.payments) {
          const index = next++;
          const t0 = performance.now();
          const created = await createPayment(options.apiUrl, options.secretKeys[index % options.secretKeys.length], index);
          (sinceCreate['create response'] ??= []).push(performance.now() - t0);
          if ('error' in created) {
            result.createErrors[created.error] = (result.createErrors[created.error] ?? 0) + 1;
            continue;
          }
          const outcome = await watcher.wait(created.id, options.timeoutMs);
          if (!outcome) result.timedOut += 1;
          else if (outcome.status === 'succeeded') {
            result.succeeded += 1;
            result.latenciesMs.push(outcome.atMs - t0);
            for (const [stage, atMs] of Object.entries(watcher.stageSeenAt.get(created.id) ?? {})) (sinceCreate[`stage ${stage}`] ??= []).push(atMs - t0);
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
  for (const [name, samples] of Object.entries(sinceCreate)) result.stageP50Ms[name] = Math.round(percentile(samples.sort((a, b) => a - b), 50));
  return result;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}
