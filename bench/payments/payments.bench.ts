import { availableParallelism } from 'node:os';
import type { Firestore } from 'firebase-admin/firestore';
import { firestore } from '../../functions/src/platform/adapters/firestore-client';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { createMerchantWithKey } from '../../infra/scripts/create-merchant';
import type { BenchRow } from '../bench-row';
import { runFraudGateEmulatorBench } from '../fraud/fraud-gate-emulator.bench';
import { measureEmulatorCeiling } from './emulator-ceiling.bench';
import { countsBetween, startFirestoreCountingProxy, type FirestoreCounts, type FirestoreCountingProxy } from './firestore-counting.proxy';
import { coresBusy, cpuSecondsUsed, cpuSnapshot } from './process-cpu';
import { measureFrameworkFloor } from './framework-floor.bench';
import { mergeRuns } from './merge-runs';
import { drivePayments, percentile, type ChainResult } from './payment-chain.bench';

export interface PaymentsBenchOptions {
  payments: number;
  concurrency: number;
  spreadMerchants: number;
  ceilingMs: number;
  onProgress?: (step: string) => void;
}

export interface ChainRun {
  label: string;
  merchants: number;
  result: ChainResult;
  /** Only for the run behind the counting proxy. */
  counts: FirestoreCounts | null;
  /** Cores kept busy per process during the run (1 = one full core; the machine's total is its core count). */
  cpu: Record<string, number>;
  /** CPU of every process on the machine's side of the bench (driver, emulators, functions) per succeeded payment. */
  cpuMsPerPayment: number;
}

export interface PaymentsBenchReport {
  rows: BenchRow[];
  runs: ChainRun[];
  ceilingTxPerSecond: number;
  functionsLog: { lines: number; warnings: number; errors: number; lastProblems: string[] };
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Lets late handlers (outbox marks, event consumers) finish before a measured run starts. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 3_000));

/** Waits until the functions stop writing (outbox marked sent, late event handlers), at most `maxMs`. */
async function quiesce(proxy: FirestoreCountingProxy, maxMs = 20_000, quietMs = 1_500): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = proxy.snapshot().writes;
  let quietSince = Date.now();
  while (Date.now() < deadline && Date.now() - quietSince < quietMs) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = proxy.snapshot().writes;
    if (now !== last) quietSince = Date.now();
    last = now;
  }
}

async function merchantKeys(count: number, label: string): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < count; i += 1) keys.push((await createMerchantWithKey(`Bench ${label} ${i}`)).secretKey);
  return keys;
}

async function chainRun(stack: LocalStack, db: Firestore, proxy: FirestoreCountingProxy | null, label: string, keys: string[], options: PaymentsBenchOptions): Promise<ChainRun> {
  if (proxy) await quiesce(proxy);
  else await settle();
  const before = proxy?.snapshot() ?? null;
  const cpuBefore = cpuSnapshot();
  const result = await drivePayments({ apiUrl: stack.apiUrl, db, secretKeys: keys, payments: options.payments, concurrency: options.concurrency, timeoutMs: 60_000 });
  const cpuAfter = cpuSnapshot();
  const cpu = coresBusy(cpuBefore, cpuAfter, result.seconds);
  const cpuMsPerPayment = (cpuSecondsUsed(cpuBefore, cpuAfter) * 1000) / Math.max(1, result.succeeded);
  if (!proxy || !before) return { label, merchants: keys.length, result, counts: null, cpu, cpuMsPerPayment };
  await quiesce(proxy);
  return { label, merchants: keys.length, result, counts: countsBetween(before, proxy.snapshot()), cpu, cpuMsPerPayment };
}

function chainRows(run: ChainRun): BenchRow[] {
  const { result } = run;
  const p = `payments ${run.label} (${run.merchants} merchant${run.merchants === 1 ? '' : 's'})`;
  return [
    { metric: `${p}: succeeded / failed / timed out / create errors`, value: result.succeeded, unit: `ok, ${result.failed} failed, ${result.timedOut} timed out, ${Object.values(result.createErrors).reduce((a, b) => a + b, 0)} create errors` },
    { metric: `${p}: throughput`, value: round(result.paymentsPerSecond, 2), unit: 'payments/s' },
    { metric: `${p}: create→succeeded p50`, value: Math.round(percentile(result.latenciesMs, 50)), unit: 'ms' },
    { metric: `${p}: create→succeeded p99`, value: Math.round(percentile(result.latenciesMs, 99)), unit: 'ms' },
  ];
}

function countRows(run: ChainRun, writesPerPayment: number): BenchRow[] {
  const counts = run.counts!;
  const perPayment = (n: number) => round(n / Math.max(1, run.result.succeeded), 2);
  return [
    { metric: 'document writes per succeeded payment', value: round(writesPerPayment, 2), unit: 'writes', target: '<= 12', pass: writesPerPayment <= 12 },
    { metric: 'document reads per payment', value: perPayment(counts.readsFound + counts.readsMissing + counts.queryDocuments), unit: `reads (${perPayment(counts.readsMissing)} of absent docs, ${perPayment(counts.queryDocuments)} from queries)` },
    { metric: 'commits per payment', value: perPayment(counts.commits), unit: `commits (${counts.failedCommits} failed/aborted in run)` },
  ];
}

/**
 * Issue section 6: the emulator's ceiling, then the whole chain (API → gates → authorize → capture →
 * ledger → outbox) driven to `succeeded` for a hot merchant and for traffic spread over many.
 */
export async function runPaymentsBench(options: PaymentsBenchOptions): Promise<PaymentsBenchReport> {
  const progress = options.onProgress ?? (() => undefined);
  const log = { lines: 0, warnings: 0, errors: 0, lastProblems: [] as string[] };
  const stack = await startLocalStack({
    ports: 'free',
    // The core chain is measured without gates; the fraud gate gets its own run below.
    functionsEnv: { PAYMENT_GATES: '' },
    onProgress: progress,
    onFunctionsLog: (line) => {
      log.lines += 1;
      const severity = /"severity":"(\w+)"/.exec(line)?.[1] ?? '';
      if (severity === 'WARNING') log.warnings += 1;
      if (severity === 'ERROR' || severity === 'CRITICAL' || (!line.startsWith('{') && /error/i.test(line))) log.errors += 1;
      if (severity === 'WARNING' || severity === 'ERROR' || severity === 'CRITICAL') log.lastProblems = [...log.lastProblems.slice(-4), line.slice(0, 300)];
    },
  });
  let proxy: FirestoreCountingProxy | undefined;
  try {
    const db = firestore();
    progress(`creating ${1 + options.spreadMerchants} merchants`);
    const hotKeys = await merchantKeys(1, 'hot');
    const spreadKeys = await merchantKeys(options.spreadMerchants, 'spread');
    // The JVMs of both emulators and the functions' V8 need a few hundred payments before they run at
    // speed: with a short warm-up, whichever run came first measured JIT compilation (0.66× "hot/spread").
    progress('warming up the chain (2 × 200 payments)');
    for (const keys of [spreadKeys, hotKeys]) await drivePayments({ apiUrl: stack.apiUrl, db, secretKeys: keys, payments: 200, concurrency: options.concurrency, timeoutMs: 60_000 });
    await settle();
    // Measured once the emulator's JIT is warm (cold, it is several times slower) and the functions are idle.
    progress(`emulator ceiling: ${options.concurrency} single-document transactions in flight for ${options.ceilingMs / 1000} s`);
    const ceilingCpuBefore = cpuSnapshot();
    const ceiling = await measureEmulatorCeiling(db, { concurrency: options.concurrency, durationMs: options.ceilingMs, warmupMs: 2_000 });
    // Warm-up included on both sides of the division: the snapshot spans it, and so does the count.
    const cpuMsPerCeilingTx = (cpuSecondsUsed(ceilingCpuBefore, cpuSnapshot()) * 1000) / Math.max(1, ceiling.transactionsIncludingWarmup);

    // Throughput and latency are measured with the functions talking to the emulator directly.
    // Each configuration in two interleaved halves (hot, spread, hot, spread), so drift in the machine's
    // speed falls on both alike.
    const half = { ...options, payments: Math.ceil(options.payments / 2) };
    const halves: Record<'hot' | 'spread', ChainRun[]> = { hot: [], spread: [] };
    for (let round = 1; round <= 2; round++) {
      progress(`hot merchant, half ${round}: ${half.payments} payments, ${options.concurrency} in flight`);
      halves.hot.push(await chainRun(stack, db, null, 'hot', hotKeys, half));
      progress(`spread over ${options.spreadMerchants} merchants, half ${round}: ${half.payments} payments, ${options.concurrency} in flight`);
      halves.spread.push(await chainRun(stack, db, null, 'spread', spreadKeys, half));
    }
    const hot = mergeRuns(halves.hot[0], halves.hot[1]);
    const spread = mergeRuns(halves.spread[0], halves.spread[1]);

    progress('framework floor: 3,000 requests refused at once');
    const floorRows = await measureFrameworkFloor(stack.apiUrl, { requests: 3_000, concurrency: options.concurrency });

    // Reads and writes are counted in a separate run behind a counting proxy, which costs CPU itself.
    proxy = await startFirestoreCountingProxy(stack.firestore.hostPort);
    stack.env.FIRESTORE_EMULATOR_HOST = proxy.hostPort;
    progress('restarting the functions behind the Firestore counting proxy');
    await stack.restartFunctions();
    const counted = await chainRun(stack, db, proxy, 'counted', spreadKeys, { ...options, payments: Math.min(200, options.payments) });

    // The fraud gate's cost on the same chain: its own run, functions back on the emulator directly.
    stack.env.FIRESTORE_EMULATOR_HOST = stack.firestore.hostPort;
    stack.env.PAYMENT_GATES = 'fraud';
    progress('restarting the functions with the fraud gate on');
    await stack.restartFunctions();
    const gated = await chainRun(stack, db, null, 'with fraud gate', spreadKeys, { ...options, payments: Math.min(300, options.payments) });
    await settle();
    progress('fraud gate check alone, on the emulator');
    const gateRows = await runFraudGateEmulatorBench(db, { processorUrl: stack.processorUrl, payments: 300, concurrency: options.concurrency });

    const cores = availableParallelism();
    const ratio = hot.result.paymentsPerSecond / Math.max(1e-9, spread.result.paymentsPerSecond);
    const slowest = Math.min(hot.result.paymentsPerSecond, spread.result.paymentsPerSecond);
    const writesPerPayment = (counted.counts?.writes ?? 0) / Math.max(1, counted.result.succeeded);
    const rows: BenchRow[] = [
      { metric: `emulator ceiling: single-doc transactions, ${options.concurrency} in flight`, value: round(ceiling.txPerSecond), unit: 'tx/s' },
      ...chainRows(hot),
      ...chainRows(spread),
      ...countRows(counted, writesPerPayment),
      { metric: 'hot / spread throughput', value: round(ratio, 2), unit: '×', target: '>= 0.8', pass: ratio >= 0.8 },
      { metric: 'end-to-end throughput / emulator ceiling (slower of hot, spread)', value: round(slowest / ceiling.txPerSecond, 3), unit: '×', target: '>= 0.125', pass: slowest >= ceiling.txPerSecond / 8 },
      // Every process of the chain shares the machine's cores, so at saturation throughput is cores / CPU per
      // payment: these rows say how far the chain's CPU cost is from what 1/8 of the ceiling needs here.
      { metric: 'CPU per payment, spread run (driver, emulators, functions)', value: round(spread.cpuMsPerPayment, 1), unit: 'ms' },
      { metric: `throughput ${cores} cores allow at that CPU per payment`, value: round((cores * 1000) / Math.max(1e-9, spread.cpuMsPerPayment), 1), unit: 'payments/s' },
      { metric: `CPU per payment 1/8 of the ceiling needs on ${cores} cores`, value: round((cores * 1000) / Math.max(1e-9, ceiling.txPerSecond / 8), 1), unit: 'ms' },
      { metric: 'CPU per ceiling transaction (driver + emulator; the ceiling is latency-bound)', value: round(cpuMsPerCeilingTx, 2), unit: 'ms' },
      ...floorRows,
      ...chainRows(gated),
      {
        metric: 'fraud gate adds to create→succeeded p50',
        value: Math.round(percentile(gated.result.latenciesMs, 50) - percentile(spread.result.latenciesMs, 50)),
        unit: 'ms',
      },
      ...gateRows,
    ];
    return { rows, runs: [hot, spread, counted, gated], ceilingTxPerSecond: ceiling.txPerSecond, functionsLog: log };
  } finally {
    await stack.stop();
    await proxy?.close().catch(() => undefined);
  }
}
