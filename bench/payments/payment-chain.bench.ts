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
  /** How often in-flight payments are read back (default 100 ms); it paces the driver, not the measurement. */
  sweepEveryMs?: number;
}

/** One succeeded payment: epoch ms of its create request and of the commit that made it succeed. */
export interface DrivenPayment {
  id: string;
  createdAtEpochMs: number;
  createAnsweredAtEpochMs: number;
  succeededAtEpochMs: number;
}

export interface ChainResult {
  succeeded: number;
  failed: number;
  timedOut: number;
  createErrors: Record<string, number>;
  seconds: number;
  paymentsPerSecond: number;
  /** Create request sent → the emulator committed `succeeded` (the document's update time), sorted. */
  latenciesMs: number[];
  payments: DrivenPayment[];
  /** Payments that stopped elsewhere (failed, held for review …), by status. */
  stoppedByStatus: Record<string, number>;
  /** Median ms from the create request to the first sighting of each stage, over succeeded payments. */
  stageP50Ms: Record<string, number>;
}

// Cross-border customers (the merchants are in the US), each with a name, so that the sanctions gate
// screens every payment; the card is issued in the customer's country. Names and countries rotate over
// ordinary values none of which is on a sanctions list.
const COUNTRIES = ['GB', 'DE', 'FR', 'CA', 'NL', 'SE', 'JP', 'AU', 'ES', 'IT'];
const FIRST_NAMES = ['Emma', 'Lucas', 'Sofia', 'Oliver', 'Mia', 'Noah', 'Hanna', 'Leon', 'Clara', 'Felix', 'Julia', 'Henrik'];
const LAST_NAMES = ['Schmidt', 'Dubois', 'Jansen', 'Lindqvist', 'Tanaka', 'Moreau', 'Fischer', 'Bakker', 'Nilsson', 'Weber', 'Thompson'];

export function benchCustomer(index: number): { name: string; email: string; country: string; ip: string } {
  return {
    name: `${FIRST_NAMES[index % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length]}`,
    email: `customer${index}@example.com`,
    country: COUNTRIES[index % COUNTRIES.length],
    ip: `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
  };
}

// Customers, cards and IPs are never reused across the runs of one bench process: a run that started its
// numbering again would replay earlier customers, and the fraud gate's velocity features would (rightly)
// send them to review.
let customerSequence = 0;

async function createPayment(apiUrl: string, secretKey: string, index: number): Promise<{ id: string } | { error: string }> {
  try {
    const response = await fetch(`${apiUrl}/v1/payments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      // Distinct customers and cards, like real traffic (and so that the fraud gate scores ordinary payments).
      body: JSON.stringify({
        amount: 1_000 + (index % 500),
        currency: 'usd',
        payment_method: `pm_card_visa_${benchCustomer(index).country.toLowerCase()}_${index}`,
        customer: benchCustomer(index),
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
  const watcher = new CompletionWatcher(options.db, options.sweepEveryMs);
  const result: ChainResult = { succeeded: 0, failed: 0, timedOut: 0, createErrors: {}, seconds: 0, paymentsPerSecond: 0, latenciesMs: [], payments: [], stoppedByStatus: {}, stageP50Ms: {} };
  const sinceCreate: Record<string, number[]> = {};
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < options.payments) {
          const index = next++;
          const t0 = performance.now();
          const createdAtEpochMs = Date.now();
          const created = await createPayment(options.apiUrl, options.secretKeys[index % options.secretKeys.length], customerSequence++);
          (sinceCreate['create response'] ??= []).push(performance.now() - t0);
          const createAnsweredAtEpochMs = Date.now();
          if ('error' in created) {
            result.createErrors[created.error] = (result.createErrors[created.error] ?? 0) + 1;
            continue;
          }
          const outcome = await watcher.wait(created.id, options.timeoutMs);
          if (!outcome) result.timedOut += 1;
          else if (outcome.status === 'succeeded') {
            result.succeeded += 1;
            result.latenciesMs.push(outcome.committedAtEpochMs - createdAtEpochMs);
            result.payments.push({ id: created.id, createdAtEpochMs, createAnsweredAtEpochMs, succeededAtEpochMs: outcome.committedAtEpochMs });
            for (const [stage, atMs] of Object.entries(watcher.stageSeenAt.get(created.id) ?? {})) (sinceCreate[`stage ${stage}`] ??= []).push(atMs - t0);
          } else {
            result.failed += 1;
            result.stoppedByStatus[outcome.status] = (result.stoppedByStatus[outcome.status] ?? 0) + 1;
          }
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
