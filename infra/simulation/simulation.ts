import { MAX_REDELIVERY_DELAY_MS } from '../local/pubsub-push-bridge';
import { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../../functions/src/shared/firestore-collections';
import { startFirestoreCountingProxy, type FirestoreCountingProxy } from '../../bench/payments/firestore-counting.proxy';
import { startLocalStack, type LocalStack } from '../local/local-stack';
import { FirestoreMerchantRepository } from '../../functions/src/merchants/adapters/merchant.firestore-repository';
import { createMerchant } from '../../functions/src/merchants/application/create-merchant.command';
import { systemClock } from '../../functions/src/shared/clock';
import { readAuditSnapshot } from './audit-snapshot';
import { audit, type Violation } from './auditor';
import { FaultCounter } from './fault-counter';
import { OwedDeliveries } from './owed-deliveries';
import { merchantEventsOwed } from './merchant-events-owed';
import { runFuzz, type FuzzReport } from './fuzz-run';
import { DEFAULT_PROCESSOR_FAULT_RATES, startProcessorFaultProxy, type InjectedBug, type ProcessorFaultProxy } from './processor-fault.proxy';
import { Prng } from './prng';
import { closeSimApiPool, OperationCounter, SimApi, type EffectLog } from './sim-api';
import { StatusWatcher } from './status-watcher';
import { REVIEW_AMOUNT, runWorkload } from './workload';

export interface SimulationOptions {
  seed: string;
  payments: number;
  /** Scenarios in flight at once. */
  concurrency: number;
  merchants: number;
  /** SIGKILLs of the functions (primary and workers) at seeded points of the run. */
  kills: number;
  /** false: the same workload with no fault injected (a baseline). */
  faults: boolean;
  /** End-to-end proof that the auditor catches a broken backend (see InjectedBug). */
  bug?: InjectedBug;
  quiesceTimeoutMs?: number;
  /** After the audit, on the quiet stack: this many malformed requests per OpenAPI route (0 = no fuzzing). */
  fuzzPerRoute?: number;
  onProgress?: (line: string) => void;
}

export interface SimulationReport {
  seed: string;
  payments: number;
  seconds: number;
  operations: Record<string, number>;
  outcomes: Record<string, number>;
  faults: Record<string, number>;
  quiescent: boolean;
  violations: Violation[];
  fuzz?: FuzzReport;
}

const FIRESTORE_FAULT_RATE = 0.01;
const FAULTABLE_RPCS = new Set(['Commit', 'BatchGetDocuments', 'BeginTransaction', 'RunQuery', 'RunAggregationQuery', 'BatchWrite']);
// The functions' processor timeout in the simulation; a held answer waits longer than this.
const PROCESSOR_TIMEOUT_MS = 1_000;

/** One seeded run: local stack with every gate on, faults, workload, quiescence, audit. */
export async function runSimulation(options: SimulationOptions): Promise<SimulationReport> {
  const started = Date.now();
  const progress = (line: string) => options.onProgress?.(`[${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s] ${line}`);
  const root = new Prng(options.seed);
  const faults = new FaultCounter();
  faults.enabled = options.faults;
  const taskPrng = root.fork('faults:tasks');
  const functionsLog: string[] = [];
  // Pub/Sub pushes in progress or failed and not through yet (see quiesce), with when each stops being owed.
  const owedDeliveries = new OwedDeliveries();
  let restarts = 0;
  const pushFaults = () => (options.faults ? JSON.stringify({ seed: `${options.seed}/faults:pubsub/${restarts}`, duplicate: 0.05, delay: 0.1, maxDelayMs: 400 }) : '');

  // Every gate on: PAYMENT_GATES unset means all of them.
  delete process.env.PAYMENT_GATES;
  delete process.env.LOCAL_PUSH_FAULTS;
  let stack: LocalStack | undefined;
  let firestoreProxy: FirestoreCountingProxy | undefined;
  let processorProxy: ProcessorFaultProxy | undefined;
  let db: Firestore | undefined;
  let watcher: StatusWatcher | undefined;
  try {
    stack = await startLocalStack({
      ports: 'free',
      processor: { hangMs: 2_500, errorAttempts: 2 },
      identityVendor: { hangMs: 2_500, errorAttempts: 2 },
      functionsEnv: { PROCESSOR_TIMEOUT_MS: String(PROCESSOR_TIMEOUT_MS), IDENTITY_VENDOR_TIMEOUT_MS: '1000' },
      taskDeliveryFaults: {
        delayMs: () => (faults.enabled && taskPrng.chance(0.1) ? (faults.add('task_delayed'), taskPrng.int(50, 500)) : 0),
        duplicate: () => faults.enabled && taskPrng.chance(0.05) && (faults.add('task_duplicated'), true),
      },
      onProgress: (step) => progress(`… ${step}`),
      onFunctionsLog: (line) => {
        const delivery = /"delivery":"([^"]+)"/.exec(line)?.[1];
        // A push in progress is owed until it ends; one that failed stays owed until it gets through.
        if (delivery && (line.includes('"event push started"') || line.includes('"event delivery failed; will redeliver"'))) owedDeliveries.owe(delivery);
        else if (delivery && (line.includes('"event redelivered"') || line.includes('"event push delivered"'))) owedDeliveries.paid(delivery);
        if (line.includes('"delivery fault injected"')) faults.add(line.includes('pubsub_duplicated') ? 'pubsub_duplicated' : 'pubsub_delayed');
        else if (/"severity":"(ERROR|CRITICAL)"/.test(line)) functionsLog.push(line);
      },
    });
    const live = stack;
    db = new Firestore({ projectId: live.projectId, host: live.firestore.hostPort, ssl: false });

    // The functions reach Firestore and the processor through the fault proxies.
    const firestorePrng = root.fork('faults:firestore');
    firestoreProxy = await startFirestoreCountingProxy(live.firestore.hostPort, '127.0.0.1', (method) => {
      if (!faults.enabled || !FAULTABLE_RPCS.has(method) || !firestorePrng.chance(FIRESTORE_FAULT_RATE)) return null;
      const aborted = firestorePrng.chance(0.5);
      faults.add(aborted ? 'firestore_aborted' : 'firestore_unavailable');
      return aborted ? 10 : 14;
    });
    processorProxy = await startProcessorFaultProxy({ upstreamUrl: live.processorUrl, prng: root.fork('faults:processor'), rates: DEFAULT_PROCESSOR_FAULT_RATES, faults, holdMs: PROCESSOR_TIMEOUT_MS * 3, bug: options.bug });
    for (const [name, value] of Object.entries(live.env)) if (value === live.processorUrl) live.env[name] = processorProxy.url;
    live.env.FIRESTORE_EMULATOR_HOST = firestoreProxy.hostPort;
    live.env.LOCAL_PUSH_FAULTS = pushFaults();
    progress('… restarting the functions behind the fault proxies');
    await live.restartFunctions();

    const effects: EffectLog = new Map();
    const operations = new OperationCounter();
    const merchants = await Promise.all(
      Array.from({ length: options.merchants }, async (_, i) => {
        // Through this run's own client: the shared firestore() singleton would still point at an earlier run's emulator.
        const { merchant, secretKey } = await createMerchant({ merchants: new FirestoreMerchantRepository(db!), clock: systemClock }, { name: `Simulation Merchant ${i + 1}`, livemode: false });
        const merchantId = merchant.id;
        return { merchantId, secretKey, api: new SimApi(live.apiUrl, secretKey, effects, operations) };
      }),
    );
    // Large payments are held for review by each merchant's own rule, so reviews happen whatever the model scores.
    for (const { api } of merchants) {
      const rule = await api.send('create_radar_rule', 'POST', '/v1/radar/rules', { expression: `amount >= ${REVIEW_AMOUNT}`, action: 'review', description: 'simulation: large payments are reviewed' });
      if (rule.status !== 201) throw new Error(`could not add the review rule: ${rule.status} ${JSON.stringify(rule.body)}`);
    }

    // SIGKILL points: after these many created payments, kill the functions and start them again.
    const killPrng = root.fork('faults:kills');
    const killAt = new Set(Array.from({ length: options.faults ? options.kills : 0 }, () => killPrng.int(Math.floor(options.payments * 0.1), Math.floor(options.payments * 0.8))));
    let createdCount = 0;
    let killing: Promise<void> = Promise.resolve();
    const deliberatelyWaiting = new Set<string>();
    const outcomes = new Map<string, number>();
    watcher = new StatusWatcher(db);
    progress(`… workload: ${options.payments} payments, ${options.concurrency} in flight, seed ${options.seed}`);
    await runWorkload(
      {
        prng: root.fork('workload'),
        apis: merchants.map((m) => m.api),
        watcher,
        deliberatelyWaiting,
        outcomes,
        onCreated: async () => {
          createdCount += 1;
          if (createdCount % 100 === 0) progress(`… ${createdCount} payments created, faults so far ${faults.total()}`);
          if (!killAt.has(createdCount)) return;
          killAt.delete(createdCount);
          killing = killing.then(async () => {
            faults.add('functions_sigkill');
            progress(`… SIGKILL of the functions after ${createdCount} payments`);
            await live.killFunctions();
            // What the killed process held comes back only once its lease runs out: still owed, for a bounded while.
            owedDeliveries.killed(Date.now());
            restarts += 1;
            live.env.LOCAL_PUSH_FAULTS = pushFaults();
            await live.restartFunctions();
          });
        },
      },
      options.payments,
      options.concurrency,
    );
    await killing;

    // Quiescence: no more faults; wait until everything in flight has settled and writes stop.
    faults.enabled = false;
    progress('… workload done; faults off, waiting for quiescence');
    const quiescent = await quiesce(db, firestoreProxy, deliberatelyWaiting, owedDeliveries, options.quiesceTimeoutMs ?? 180_000);
    progress(quiescent ? '… quiescent; auditing' : '… NOT quiescent within the limit; auditing what there is');
    const snapshot = await readAuditSnapshot({ db, processorUrl: live.processorUrl, acquirerPayments: () => live.acquirer.ledger.all(), merchants, deliberatelyWaiting, effects });
    const violations = audit(snapshot);
    let fuzz: FuzzReport | undefined;
    if (options.fuzzPerRoute) {
      progress(`… fuzzing every route with ${options.fuzzPerRoute} malformed requests`);
      fuzz = await runFuzz({ apiUrl: live.apiUrl, projectId: live.projectId, authHostPort: live.auth.hostPort, db, proxy: firestoreProxy, merchantKey: merchants[0].secretKey, prng: root.fork('fuzz'), perRoute: options.fuzzPerRoute });
    }
    for (const line of functionsLog.slice(-5)) progress(`functions error log: ${line.slice(0, 400)}`);
    return {
      seed: options.seed,
      payments: options.payments,
      seconds: Math.round((Date.now() - started) / 1000),
      operations: operations.byKind(),
      outcomes: outcomesOf(snapshot.payments, snapshot.refunds, outcomes),
      faults: faults.byKind(),
      quiescent,
      violations,
      fuzz,
    };
  } finally {
    watcher?.close();
    await db?.terminate().catch(() => undefined);
    await stack?.stop();
    await processorProxy?.close().catch(() => undefined);
    await firestoreProxy?.close().catch(() => undefined);
    await closeSimApiPool();
  }
}

/** Final states as stored (payments by status and failure code, refunds by status), plus workload scenarios that crashed. */
function outcomesOf(payments: Array<{ status: string; lastErrorCode?: string | null }>, refunds: Array<{ status: string }>, workload: Map<string, number>): Record<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const p of payments) add(`payment ${p.status}${p.status === 'failed' && p.lastErrorCode ? ` (${p.lastErrorCode})` : ''}`);
  for (const r of refunds) add(`refund ${r.status}`);
  for (const [key, n] of workload) if (key.startsWith('scenario_crashed') || key.startsWith('create_refused') || key.includes('timed_out')) counts.set(key, n);
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Settled: no payment or refund in flight (waiting ones only if left on purpose), no event unsent, and no write for a while.
 * owedDeliveries: Pub/Sub pushes in progress, failed and not through since, or held by a killed process
 * (the push bridge logs them). A consumer failing slowly (a lock timeout) writes nothing while it fails,
 * and a message a killed process held comes back only when its lease runs out, so a quiet Firestore
 * alone does not prove nothing is left to arrive.
 */
async function quiesce(db: Firestore, proxy: FirestoreCountingProxy, deliberatelyWaiting: ReadonlySet<string>, owedDeliveries: OwedDeliveries, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let lastWrites = -1;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const writes = proxy.snapshot().writes;
    if (writes !== lastWrites) {
      lastWrites = writes;
      quietSince = Date.now();
    }
    const [inFlight, waiting, refunds, outbox, auditOutbox] = await Promise.all([
      db.collection(COLLECTIONS.payments).where('status', '==', 'processing').limit(1).get(),
      db.collection(COLLECTIONS.payments).where('status', 'in', ['requires_capture', 'requires_review']).get(),
      db.collection(COLLECTIONS.refunds).where('status', '==', 'pending').limit(1).get(),
      db.collection(COLLECTIONS.outbox).where('status', '==', 'pending').limit(1).get(),
      db.collection(COLLECTIONS.auditOutbox).limit(1).get(),
    ]);
    const settled = owedDeliveries.settled(Date.now()) && inFlight.empty && refunds.empty && outbox.empty && auditOutbox.empty && waiting.docs.every((d) => deliberatelyWaiting.has(d.id));
    // Quiet for longer than a failed push waits for its redelivery: a consumer's retry still pending
    // (an AML monitor that hit a fault) would otherwise write after the audit, or during the fuzzing.
    // Last, as it reads two whole collections: every published merchant-visible event has its merchant event.
    if (settled && Date.now() - quietSince >= MAX_REDELIVERY_DELAY_MS + 2_000 && (await merchantEventsOwed(db)).length === 0) return true;
  }
  return false;
}
