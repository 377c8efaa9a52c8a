import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PrerequisiteMissingError } from '../infra/emulators';
import type { BenchRow } from './bench-row';
import { runFraudScoringBench } from './fraud/fraud-scoring.bench';
import { runPaymentsBench, type PaymentsBenchReport } from './payments/payments.bench';
import { runSanctionsBench } from './sanctions/sanctions.bench';
import { runReconciliationBench } from './reconciliation/reconciliation.bench';
import { runSettlementBench } from './settlement/settlement.bench';
import { runWebhooksBench } from './webhooks/webhooks.bench';
import { runRoutingBench } from './routing/routing.bench';
import { runFailoverBench } from './routing/failover.bench';

// `npm run bench [-- --payments 1000 --concurrency 16 --merchants 100 --serial-payments 200 --ceiling-seconds 5 --gates fraud,sanctions --only payments,fraud,sanctions,settlement,webhooks --settlement-merchants 1000 --settlement-payments 50 --webhook-payments 300]`
// Every payment gate is on unless --gates names some ('' for none).
// A missed target is a finding, not a failure: the exit code is non-zero only when a bench crashes.
const { values } = parseArgs({
  options: {
    payments: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '16' },
    merchants: { type: 'string', default: '100' },
    'serial-payments': { type: 'string', default: '200' },
    gates: { type: 'string' },
    'ceiling-seconds': { type: 'string', default: '5' },
    // Report lines of the reconciliation bench's day (it also runs a tenth of that, to show memory stays flat).
    'recon-lines': { type: 'string', default: '50000' },
    only: { type: 'string', default: 'payments,fraud,sanctions,settlement,reconciliation,webhooks,routing,failover' },
    // Payments of the failover bench (the primary processor stops after 30 % of them and 2 s).
    'failover-payments': { type: 'string', default: '1000' },
    // Payments per phase of the webhooks bench (off, on, with a failing and a hanging endpoint), over 16 merchants.
    'webhook-payments': { type: 'string', default: '300' },
    'settlement-merchants': { type: 'string', default: '1000' },
    'settlement-payments': { type: 'string', default: '50' },
  },
});
const selected = new Set(values.only.split(','));
const progress = (step: string) => process.stderr.write(`… ${step}\n`);

function formatTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((r) => [r.metric, String(r.value), r.unit, r.target ?? '', r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL']);
  const header = ['metric', 'value', 'unit', 'target', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

// Measurements carry no more than three decimals: long digit runs say nothing and look like card numbers to scanners.
const roundFractions = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value);

// Rows written before rows were tagged came from one full run of these benches.
const LEGACY_BENCH = 'payments, fraud or sanctions';
const LEGACY_BENCHES = ['payments', 'fraud', 'sanctions'];

function readPrevious(file: string): { timestamp?: string; rows: Array<BenchRow & { measuredAt?: string }>; payments?: unknown } {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { timestamp?: string; rows?: Array<BenchRow & { measuredAt?: string }>; payments?: unknown };
    return { timestamp: parsed.timestamp, rows: parsed.rows ?? [], payments: parsed.payments };
  } catch {
    return { rows: [] };
  }
}

async function main(): Promise<number> {
  const rows: BenchRow[] = [];
  const crashes: string[] = [];
  let payments: PaymentsBenchReport | undefined;
  const started = new Date();
  const attempt = async (name: string, run: () => Promise<{ rows: BenchRow[] }>) => {
    if (!selected.has(name)) return;
    progress(`${name} bench`);
    try {
      rows.push(...(await run()).rows.map((row) => ({ ...row, bench: name })));
    } catch (error) {
      crashes.push(`${name}: ${error instanceof PrerequisiteMissingError ? error.message : error instanceof Error ? error.stack : String(error)}`);
    }
  };
  await attempt('payments', async () => {
    payments = await runPaymentsBench({
      payments: Number(values.payments),
      concurrency: Number(values.concurrency),
      spreadMerchants: Number(values.merchants),
      serialPayments: Number(values['serial-payments']),
      gates: values.gates,
      ceilingMs: Number(values['ceiling-seconds']) * 1000,
      onProgress: progress,
    });
    return payments;
  });
  // The in-process fraud bench hashes identifiers like the functions do; outside the emulator's environment
  // (e.g. `--only fraud`) it needs a key, and a random one made up for this process will do.
  process.env.HASH_PEPPER ??= randomBytes(32).toString('hex');
  await attempt('fraud', () => runFraudScoringBench());
  await attempt('routing', () => runRoutingBench());
  await attempt('sanctions', () => runSanctionsBench());
  await attempt('reconciliation', () => runReconciliationBench({ lines: Number(values['recon-lines']), onProgress: progress }));
  await attempt('settlement', () =>
    runSettlementBench({ merchants: Number(values['settlement-merchants']), paymentsPerMerchant: Number(values['settlement-payments']), concurrency: 32, newPerMerchant: 5, onProgress: progress }),
  );

  await attempt('failover', () => runFailoverBench({ payments: Number(values['failover-payments']), concurrency: Number(values.concurrency), onProgress: progress }));
  await attempt('webhooks', () => runWebhooksBench({ payments: Number(values['webhook-payments']), concurrency: 16, merchants: 16, onProgress: progress }));

  process.stdout.write(`\n${formatTable(rows)}\n`);
  if (payments) {
    process.stdout.write(
      '\nEvery gate on (fraud, sanctions), cross-border named customers. Latency: create request sent → the emulator\n' +
        "committed `succeeded` (the payment document's update time). Platform overhead: that minus the time the sandbox\n" +
        'processor spent on the payment\'s calls (GET /__admin/timings). Operations are counted in separate runs with the\n' +
        "functions' Firestore, Pub/Sub and Cloud Tasks clients behind counting proxies and the functions' URL behind an\n" +
        'invocation-counting proxy; the hop timelines come from those runs. Prices: latest.json "payments.prices".\n',
    );
    for (const run of payments.runs) {
      process.stdout.write(`${run.concurrency} in flight, ${run.label}: cores busy ${JSON.stringify(run.cpu)} (machine load ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
    }
    for (const run of payments.counted) {
      process.stdout.write(`counted, ${run.label}, ${run.concurrency} in flight: writes by collection ${JSON.stringify(run.firestore.writesByCollection)}\n`);
      process.stdout.write(`counted, ${run.label}, ${run.concurrency} in flight: invocations ${JSON.stringify(run.invocationsByFunction)}; messages published by topic ${JSON.stringify(run.pubsub.publishedByTopic)}; task RPCs ${JSON.stringify(run.cloudTasksRpcs)}\n`);
    }
    const log = payments.functionsLog;
    process.stdout.write(`functions log: ${log.lines} lines, ${log.warnings} warnings, ${log.errors} errors\n`);
    for (const line of log.lastProblems) process.stdout.write(`  ${line}\n`);
  }
  for (const crash of crashes) process.stderr.write(`\nCRASH ${crash}\n`);

  const resultsDir = path.join(__dirname, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const machine = { platform: platform(), release: release(), arch: arch(), cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadavg: loadavg() };
  const detail = payments && {
    prices: payments.prices,
    ceilingTxPerSecond: payments.ceilingTxPerSecond,
    runs: payments.runs.map((r) => ({ label: r.label, concurrency: r.concurrency, merchants: r.merchants, succeeded: r.result.succeeded, stopped: r.result.failed, stoppedByStatus: r.result.stoppedByStatus, timedOut: r.result.timedOut, createErrors: r.result.createErrors, seconds: r.result.seconds, stageP50Ms: r.result.stageP50Ms, cpu: r.cpu, cpuMsPerPayment: r.cpuMsPerPayment, functionsCpuMsPerPayment: r.functionsCpuMsPerPayment, otherCores: r.otherCores })),
    overhead: payments.overhead,
    taskTimelines: payments.taskTimelines,
    functionsCpuByOwner: payments.cpuByOwner,
    counted: payments.counted.map((c) => ({ label: c.label, concurrency: c.concurrency, succeeded: c.result.succeeded, firestore: c.firestore, pubsub: c.pubsub, cloudTasksRpcs: c.cloudTasksRpcs, invocationsByFunction: c.invocationsByFunction, operationsPerPayment: c.operationsPerPayment, costPer1000Payments: c.costPer1000, timeline: c.timeline })),
    noopChain: payments.noop,
    functionsLog: payments.functionsLog,
  };
  // A partial run (`--only`) keeps the previous results of the benches it did not run, each row tagged
  // with its bench and the time it was measured, so latest.json always holds every row.
  const previous = readPrevious(path.join(resultsDir, 'latest.json'));
  const kept = previous.rows
    .map((row) => ({ ...row, bench: row.bench ?? LEGACY_BENCH, measuredAt: row.measuredAt ?? previous.timestamp }))
    .filter((row) => !selected.has(row.bench) && !(row.bench === LEGACY_BENCH && [...selected].some((name) => LEGACY_BENCHES.includes(name))));
  const allRows = [...rows.map((row) => ({ ...row, measuredAt: started.toISOString() })), ...kept];
  writeFileSync(
    path.join(resultsDir, 'latest.json'),
    JSON.stringify({ timestamp: started.toISOString(), durationSeconds: (Date.now() - started.getTime()) / 1000, machine, options: values, rows: allRows, payments: detail ?? (selected.has('payments') ? undefined : previous.payments), crashes }, roundFractions, 2) + '\n',
  );
  return crashes.length > 0 ? 1 : 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    process.stderr.write(`bench crashed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
