import type { ChainResult } from './payment-chain.bench';

/** What a chain run reports that can be merged; payments.bench.ts's ChainRun has these and more. */
export interface MergeableRun {
  result: ChainResult;
  cpu: Record<string, number>;
  cpuMsPerPayment: number;
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);

/**
 * One run from halves measured apart (hot, spread, hot, spread): this machine's speed drifts by a
 * quarter between minutes, which a single hot run followed by a single spread run reads as a
 * difference between them. Counts and seconds add up; shares of a core are weighted by time.
 */
export function mergeRuns<R extends MergeableRun>(first: R, second: R): R {
  const a = first.result;
  const b = second.result;
  const seconds = a.seconds + b.seconds;
  const succeeded = a.succeeded + b.succeeded;
  const createErrors = { ...a.createErrors };
  for (const [code, n] of Object.entries(b.createErrors)) createErrors[code] = (createErrors[code] ?? 0) + n;
  const stages = new Set([...Object.keys(a.stageP50Ms), ...Object.keys(b.stageP50Ms)]);
  const result: ChainResult = {
    succeeded,
    failed: a.failed + b.failed,
    timedOut: a.timedOut + b.timedOut,
    createErrors,
    seconds,
    paymentsPerSecond: succeeded / Math.max(1e-9, seconds),
    latenciesMs: [...a.latenciesMs, ...b.latenciesMs].sort((x, y) => x - y),
    payments: [...a.payments, ...b.payments],
    stoppedByStatus: Object.fromEntries([...new Set([...Object.keys(a.stoppedByStatus), ...Object.keys(b.stoppedByStatus)])].map((s) => [s, (a.stoppedByStatus[s] ?? 0) + (b.stoppedByStatus[s] ?? 0)])),
    // Halves of equal size: the mean of their medians stands in for the median of the whole.
    stageP50Ms: Object.fromEntries([...stages].map((s) => [s, Math.round(mean([a.stageP50Ms[s], b.stageP50Ms[s]].filter((v): v is number => v !== undefined)))])),
  };
  const names = new Set([...Object.keys(first.cpu), ...Object.keys(second.cpu)]);
  const cpu = Object.fromEntries([...names].map((n) => [n, Math.round((((first.cpu[n] ?? 0) * a.seconds + (second.cpu[n] ?? 0) * b.seconds) / Math.max(1e-9, seconds)) * 100) / 100]));
  const cpuMsPerPayment = (first.cpuMsPerPayment * a.succeeded + second.cpuMsPerPayment * b.succeeded) / Math.max(1, succeeded);
  return { ...first, result, cpu, cpuMsPerPayment };
}
