import type { Invocation } from './invocation-counting.proxy';
import { percentile, type DrivenPayment } from './payment-chain.bench';

/** One hop of the chain as the proxies saw it, over the payments of a run (p50s in ms). */
export interface Hop {
  /** `<kind> <function>` and the queue or subscription that delivered it. */
  hop: string;
  /** How many of the run's payments had this hop (a hop may run more than once per payment). */
  payments: number;
  perPayment: number;
  /** From the create request to the hop's start. */
  startsAfterCreateMs: number;
  /** Inside the function (request in to response out, as the proxy saw it; a step hands the next task over
   * at its commit, before it answers, so consecutive hops overlap). */
  runsMs: number;
}

export interface Timeline {
  hops: Hop[];
  /** Create request sent → create answered (driver-measured). */
  createAnsweredMs: number;
  /** Create request sent → `succeeded` committed. */
  succeededMs: number;
  /** Time inside the sandbox processor per payment. */
  processorMs: number;
}

const hopName = (i: Invocation) => `${i.kind} ${i.fn}${i.source ? ` (${i.source})` : ''}`;
const p50 = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

/**
 * Where a payment's time goes, hop by hop: every invocation that names the payment, placed against
 * the payment's create request. Nothing about the chain is assumed: the hops are whatever ran.
 */
export function hopTimeline(payments: readonly DrivenPayment[], invocations: readonly Invocation[], processorMsByPayment: ReadonlyMap<string, number>): Timeline {
  const byPayment = new Map<string, Invocation[]>();
  for (const invocation of invocations) if (invocation.paymentId) (byPayment.get(invocation.paymentId) ?? byPayment.set(invocation.paymentId, []).get(invocation.paymentId)!).push(invocation);
  const samples = new Map<string, { starts: number[]; runs: number[]; payments: Set<string>; count: number }>();
  for (const payment of payments) {
    const hops = (byPayment.get(payment.id) ?? []).filter((i) => i.startMs >= payment.createdAtEpochMs - 1).sort((a, b) => a.startMs - b.startMs);
    for (const invocation of hops) {
      const entry = samples.get(hopName(invocation)) ?? { starts: [], runs: [], payments: new Set<string>(), count: 0 };
      entry.starts.push(invocation.startMs - payment.createdAtEpochMs);
      entry.runs.push(invocation.endMs - invocation.startMs);
      entry.payments.add(payment.id);
      entry.count += 1;
      samples.set(hopName(invocation), entry);
    }
  }
  const hops = [...samples.entries()]
    .map(([hop, s]) => ({ hop, payments: s.payments.size, perPayment: s.count / Math.max(1, payments.length), startsAfterCreateMs: p50(s.starts), runsMs: p50(s.runs) }))
    .sort((a, b) => a.startsAfterCreateMs - b.startsAfterCreateMs);
  return {
    hops,
    createAnsweredMs: p50(payments.map((p) => p.createAnsweredAtEpochMs - p.createdAtEpochMs)),
    succeededMs: p50(payments.map((p) => p.succeededAtEpochMs - p.createdAtEpochMs)),
    processorMs: p50(payments.map((p) => processorMsByPayment.get(p.id) ?? 0)),
  };
}

const PAYMENT_ID = /pay_[A-Za-z0-9]+/;

/** Time inside the sandbox processor per payment: its calls whose idempotency key (or path) names the payment. */
export function processorMsByPayment(calls: ReadonlyArray<{ path: string; idempotency_key: string | null; ms: number }>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const call of calls) {
    const id = PAYMENT_ID.exec(call.idempotency_key ?? '')?.[0] ?? PAYMENT_ID.exec(call.path)?.[0];
    if (id) totals.set(id, (totals.get(id) ?? 0) + call.ms);
  }
  return totals;
}

/** A completed Cloud Tasks task as the local emulator logs it (`task_completed`), with the time the log line arrived. */
export interface CompletedTask {
  queue: string;
  paymentId: string | null;
  scheduledAtMs: number;
  dispatchedAtMs: number;
  completedAtMs: number;
}

/** Reads a `task_completed` line of the Cloud Tasks emulator; null for any other line. */
export function completedTaskFrom(line: string, receivedAtMs: number): CompletedTask | null {
  if (!line.includes('"task_completed"')) return null;
  try {
    const parsed = JSON.parse(line) as { event?: string; task?: string; scheduledAtMs?: number; dispatchedAtMs?: number };
    if (parsed.event !== 'task_completed' || !parsed.task) return null;
    const queue = /\/queues\/([^/]+)\//.exec(parsed.task)?.[1] ?? '?';
    return { queue, paymentId: PAYMENT_ID.exec(parsed.task.slice(parsed.task.lastIndexOf('/')))?.[0] ?? null, scheduledAtMs: Number(parsed.scheduledAtMs), dispatchedAtMs: Number(parsed.dispatchedAtMs), completedAtMs: receivedAtMs };
  } catch {
    return null;
  }
}

/** Per queue, p50 ms after the create request: task created (scheduled), dispatched, completed. No proxy in the way. */
export interface TaskHop {
  queue: string;
  createdMs: number;
  dispatchedMs: number;
  completedMs: number;
}

export function taskTimeline(payments: readonly DrivenPayment[], tasks: readonly CompletedTask[]): TaskHop[] {
  const created = new Map(payments.map((p) => [p.id, p.createdAtEpochMs]));
  const byQueue = new Map<string, { created: number[]; dispatched: number[]; completed: number[] }>();
  for (const task of tasks) {
    const t0 = task.paymentId ? created.get(task.paymentId) : undefined;
    if (t0 === undefined) continue;
    const entry = byQueue.get(task.queue) ?? { created: [], dispatched: [], completed: [] };
    entry.created.push(task.scheduledAtMs - t0);
    entry.dispatched.push(task.dispatchedAtMs - t0);
    entry.completed.push(task.completedAtMs - t0);
    byQueue.set(task.queue, entry);
  }
  return [...byQueue.entries()].map(([queue, s]) => ({ queue, createdMs: p50(s.created), dispatchedMs: p50(s.dispatched), completedMs: p50(s.completed) })).sort((a, b) => a.dispatchedMs - b.dispatchedMs);
}
