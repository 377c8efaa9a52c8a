import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HttpBankStatementSource } from '../../functions/src/reconciliation/adapters/bank-statement.http-source';
import { HttpProcessorReportSource } from '../../functions/src/reconciliation/adapters/processor-report.http-source';
import { InMemoryReconciliationStore } from '../../functions/src/reconciliation/adapters/reconciliation.memory-store';
import type { LedgerDayReader, PayoutLookup } from '../../functions/src/reconciliation/application/reconciliation.ports';
import { runReconciliation } from '../../functions/src/reconciliation/application/run-reconciliation.command';
import type { KnownPayout, LedgerLine } from '../../functions/src/reconciliation/domain/reconciliation-lines';
import { createLogger } from '../../functions/src/shared/logger';
import type { BenchRow } from '../bench-row';

/**
 * Reconciliation of one day: N processor report lines through the whole run (runReconciliation with
 * its real CSV adapters), every source generated on the fly and streamed:
 *   - the processor report is CSV served by a local HTTP server, row by row as the client reads it,
 *     and parsed by HttpProcessorReportSource (csv-parse, zod per row);
 *   - the bank statement likewise (the day's deposits per currency, 1 payout line per 50 report lines,
 *     a few returns), parsed by HttpBankStatementSource;
 *   - the ledger's journals come from a generator in the shape FirestoreLedgerDayReader yields (the
 *     Firestore query itself is not measured: the emulator would measure the emulator);
 *   - payouts are looked up in batches of 100 from a generated, in-process table.
 * 90 % of the lines are captures, 10 % refunds, in usd / eur / jpy; 1 in 1,000 captures is left out of the
 * report and 1 in 1,000 is reported one unit high, so the run has exceptions to write (in memory).
 * Measured, for N/10 and for N lines: the wall time of the run; the peak heap used (sampled every 5 ms)
 * above the heap before the run, which includes garbage not yet collected; and, in a second run of
 * the same day, the heap that stays live: a full garbage collection at every tenth of the ledger
 * stream, the largest live heap above the (collected) baseline. Streamed, the live heap must not grow
 * with the day (memory flat).
 */

// A full collection on demand, for the live-heap samples only (never during the timed run).
setFlagsFromString('--expose_gc');
const collectGarbage = runInNewContext('gc') as () => void;

const DATE = '2026-11-27';
const DAY_START = Date.parse(`${DATE}T00:00:00.000Z`);
const CURRENCIES = ['eur', 'jpy', 'usd'] as const;
const fee = (gross: number) => Math.floor((gross * 50 + 5_000) / 10_000);

interface Day {
  readonly captures: number;
  readonly refunds: number;
  readonly payouts: number;
  readonly returns: number;
}

const dayOf = (lines: number): Day => {
  const captures = Math.round(lines * 0.9);
  return { captures, refunds: lines - captures, payouts: Math.max(1, Math.floor(lines / 50)), returns: 3 };
};

const ref = (prefix: string, i: number) => `${prefix}_${String(i).padStart(9, '0')}`;
const captureAmount = (i: number) => 1_000 + ((i * 7_919) % 90_000);
const currencyOf = (i: number) => CURRENCIES[i % CURRENCIES.length];
const dropped = (i: number) => i % 1_000 === 7;
const altered = (i: number) => i % 1_000 === 507;

/** The ledger's capture and refund journals, sorted by reference (pay_… before re_…). */
function* ledgerLines(day: Day): Generator<LedgerLine> {
  for (let i = 0; i < day.captures; i++) {
    yield { reference: ref('pay', i), kind: 'capture', journalId: `jrn_cap_${ref('pay', i)}`, merchantId: `acct_${i % 1_000}`, currency: currencyOf(i), amount: captureAmount(i), createdMs: DAY_START + (i % 86_000) * 1_000 };
  }
  for (let r = 0; r < day.refunds; r++) {
    yield { reference: ref('re', r), kind: 'refund', journalId: `jrn_ref_${ref('re', r)}`, merchantId: `acct_${r % 1_000}`, currency: currencyOf(r), amount: 500, createdMs: DAY_START + (r % 86_000) * 1_000 };
  }
}

/** The processor's report rows (CSV), in the same order, with its deliberate mistakes; and its net per currency. */
function* reportRows(day: Day, net?: Map<string, number>): Generator<string> {
  yield 'line_id,type,processor_reference,merchant_reference,currency,gross,fee,net,created\n';
  const created = new Date(DAY_START + 3_600_000).toISOString();
  for (let i = 0; i < day.captures; i++) {
    if (dropped(i)) continue;
    const gross = captureAmount(i) + (altered(i) ? 1 : 0);
    const lineNet = gross - fee(gross);
    net?.set(currencyOf(i), (net.get(currencyOf(i)) ?? 0) + lineNet);
    yield `rl_${i},capture,cap_${i},${ref('pay', i)},${currencyOf(i)},${gross},${fee(gross)},${lineNet},${created}\n`;
  }
  for (let r = 0; r < day.refunds; r++) {
    net?.set(currencyOf(r), (net.get(currencyOf(r)) ?? 0) - 500);
    yield `rl_r${r},refund,re_p${r},${ref('re', r)},${currencyOf(r)},500,0,-500,${created}\n`;
  }
}

const payoutOf = (p: number): KnownPayout => ({ id: ref('po', p), merchantId: `acct_${p % 1_000}`, amount: 10_000 + p, currency: currencyOf(p) });

function* statementRows(day: Day, deposits: Map<string, number>): Generator<string> {
  yield 'line_id,type,amount,currency,reference,value_date\n';
  for (let p = 0; p < day.payouts; p++) yield `bsl_p${p},payout,${-payoutOf(p).amount},${payoutOf(p).currency},${payoutOf(p).id},${DATE}\n`;
  for (let p = 0; p < day.returns; p++) yield `bsl_r${p},return,${payoutOf(p).amount},${payoutOf(p).currency},${payoutOf(p).id},${DATE}\n`;
  for (const [currency, amount] of deposits) yield `bsl_d_${currency},incoming,${amount},${currency},ps_${DATE}_${currency},${DATE}\n`;
}

/** Serves the generated CSVs, streamed (Readable.from a generator: rows are produced as the socket drains). */
async function serve(day: Day): Promise<{ url: string; server: Server }> {
  const deposits = new Map<string, number>();
  for (const _ of reportRows(day, deposits)); // the processor pays what its report nets
  const send = (res: ServerResponse, rows: Iterable<string>) => {
    res.writeHead(200, { 'content-type': 'text/csv' });
    Readable.from(rows).pipe(res);
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bench');
    if (url.pathname === '/v1/reports/settlement') return send(res, reportRows(day));
    if (url.pathname === '/v1/statements') return send(res, url.searchParams.get('date') === DATE ? statementRows(day, deposits) : statementRows({ ...day, payouts: 0, returns: 0 }, new Map()));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

interface Measured {
  readonly lines: number;
  readonly wallMs: number;
  readonly peakHeapAboveBaselineMb: number;
  /** Largest heap still live (after a full GC) at the checkpoints, above the collected baseline; null when not sampled. */
  readonly liveHeapAboveBaselineMb: number | null;
  readonly matched: number;
  readonly exceptions: number;
  readonly expectedExceptions: number;
}

async function measure(lines: number, sampleLiveHeap = false): Promise<Measured> {
  const day = dayOf(lines);
  const { url, server } = await serve(day);
  try {
    const endpoint = { test: { baseUrl: url, apiKey: 'sk_test_bench' }, live: null };
    const every = Math.max(1, Math.floor((day.captures + day.refunds) / 10));
    let live = 0;
    const ledger: LedgerDayReader = {
      lines: async function* () {
        let n = 0;
        for (const line of ledgerLines(day)) {
          if (sampleLiveHeap && ++n % every === 0) {
            collectGarbage();
            live = Math.max(live, process.memoryUsage().heapUsed);
          }
          yield line;
        }
      },
    };
    const payouts: PayoutLookup = {
      byIds: async (_livemode, ids) => new Map(ids.map((id) => Number(id.slice(3))).filter((p) => p < day.payouts).map((p) => [payoutOf(p).id, payoutOf(p)])),
    };
    const store = new InMemoryReconciliationStore({ keepExceptions: false });
    const deps = {
      ledger, payouts, store,
      report: new HttpProcessorReportSource(endpoint),
      bank: new HttpBankStatementSource(endpoint),
      clock: { nowMs: () => DAY_START + 86_400_000 + 5.5 * 3_600_000 },
      log: createLogger({}, () => undefined),
    };
    if (sampleLiveHeap) collectGarbage();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    const started = performance.now();
    const result = await runReconciliation(deps, { livemode: false, date: DATE, trigger: 'schedule' });
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (!result.ok || result.run.summary === null) throw new Error(`the bench run did not complete: ${result.ok ? result.run.failureMessage : result.error.message}`);
    let expected = day.returns;
    for (let i = 0; i < day.captures; i++) if (dropped(i) || altered(i)) expected += 1;
    return {
      lines, wallMs, peakHeapAboveBaselineMb: (peak - baseline) / 1_048_576, liveHeapAboveBaselineMb: sampleLiveHeap ? Math.max(0, live - baseline) / 1_048_576 : null, matched: result.run.summary.matched + result.run.summary.bankMatched,
      exceptions: store.exceptionCount, expectedExceptions: expected,
    };
  } finally {
    server.close();
  }
}

export async function runReconciliationBench(options: { lines?: number; onProgress?: (step: string) => void } = {}): Promise<{ rows: BenchRow[]; runs: Measured[] }> {
  const lines = options.lines ?? 50_000;
  const small = Math.max(1, Math.round(lines / 10));
  await measure(1_000); // warm up the JIT and the HTTP pool
  options.onProgress?.(`reconciliation: ${small} lines`);
  const few = await measure(small);
  const fewLive = (await measure(small, true)).liveHeapAboveBaselineMb ?? 0;
  options.onProgress?.(`reconciliation: ${lines} lines`);
  const many = await measure(lines);
  const manyLive = (await measure(lines, true)).liveHeapAboveBaselineMb ?? 0;
  const round = (n: number) => Math.round(n * 10) / 10;
  // Flat: ten times the lines keep about the same heap live as the small day (the payout ids seen on
  // the statement, one per payout line, are the only set that grows; 1 MB of slack covers them here).
  const flatLimitMb = fewLive + 1;
  return {
    runs: [{ ...few, liveHeapAboveBaselineMb: fewLive }, { ...many, liveHeapAboveBaselineMb: manyLive }],
    rows: [
      { metric: `reconciliation: ${lines.toLocaleString('en')} report lines, whole run (streamed CSV in, exceptions out)`, value: round(many.wallMs / 1000), unit: 's', target: '< 30', pass: many.wallMs < 30_000 },
      { metric: 'reconciliation: throughput', value: Math.round(lines / (many.wallMs / 1000)), unit: 'lines/s' },
      { metric: `reconciliation: peak heap used above baseline (garbage included), ${small.toLocaleString('en')} / ${lines.toLocaleString('en')} lines`, value: round(many.peakHeapAboveBaselineMb), unit: `MB (${round(few.peakHeapAboveBaselineMb)} MB for ${small.toLocaleString('en')})` },
      { metric: `reconciliation: live heap above baseline (after full GC, max of 10 samples), ${small.toLocaleString('en')} lines`, value: round(fewLive), unit: 'MB' },
      {
        metric: `reconciliation: live heap above baseline (after full GC, max of 10 samples), ${lines.toLocaleString('en')} lines`, value: round(manyLive), unit: 'MB',
        target: `flat: <= the ${small.toLocaleString('en')}-line run + 1 MB (${round(flatLimitMb)})`, pass: manyLive <= flatLimitMb,
      },
      { metric: 'reconciliation: exceptions found / injected', value: many.exceptions, unit: `of ${many.expectedExceptions}`, target: 'all injected, no others', pass: many.exceptions === many.expectedExceptions },
    ],
  };
}
