import { formatReport } from '../../infra/simulation/report-format';
import { runSimulation } from '../../infra/simulation/simulation';

// The short form of `npm run simulate` for CI: two seeds, every gate on, 32 scenarios in flight, every
// fault kind injected (processor timeouts after success, 5xx bursts, 409s, resets, slow answers, a
// SIGKILL of the functions, duplicated and delayed Pub/Sub and task deliveries, Firestore
// ABORTED/UNAVAILABLE). After quiescence the auditor must find nothing. The second seed then fuzzes
// every route of the OpenAPI document on the quiet stack: only 4xx, nothing written.
// A failure prints the seed: `npm run simulate -- --seed <seed> --payments <n>` replays the plan.
const PAYMENTS = 90;
const progress = (line: string) => process.stderr.write(`${line}\n`);

it('seed ci-1: every payment and refund settles and the books agree with the processor', async () => {
  const report = await runSimulation({ seed: 'ci-1', payments: PAYMENTS, concurrency: 32, merchants: 2, kills: 1, faults: true, onProgress: progress });
  process.stdout.write(formatReport(report));
  expect(report.violations).toEqual([]);
  expect(report.quiescent).toBe(true);
  expect(report.faults.functions_sigkill).toBe(1);
  expect(report.operations.create_payment).toBeGreaterThanOrEqual(PAYMENTS);
}, 180_000);

it('seed ci-2: the same under other faults, then malformed requests to every route get a 4xx and write nothing', async () => {
  const report = await runSimulation({ seed: 'ci-2', payments: PAYMENTS, concurrency: 32, merchants: 2, kills: 1, faults: true, fuzzPerRoute: 200, onProgress: progress });
  process.stdout.write(formatReport(report));
  expect(report.violations).toEqual([]);
  expect(report.quiescent).toBe(true);
  // Faults of every family were really injected, or a clean audit would prove little.
  for (const prefix of ['processor_', 'firestore_', 'task_', 'pubsub_', 'functions_sigkill']) expect(Object.keys(report.faults).some((k) => k.startsWith(prefix))).toBe(true);

  const fuzz = report.fuzz!;
  expect(fuzz.routes).toBeGreaterThan(20);
  // 200 for every route but the public OpenAPI document, which has no parameter, body or credential to malform.
  expect(fuzz.sent).toBeGreaterThanOrEqual((fuzz.routes - 1) * 200);
  expect(fuzz.unexpected).toEqual([]);
  expect(fuzz.countChanges).toEqual({});
  expect(fuzz.writes).toEqual({});
}, 240_000);
