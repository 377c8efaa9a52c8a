/**
 * Measures how JVM flags affect the Firestore emulator: boot time, steady-state transaction
 * throughput (what the test suites and local runs actually wait on) and resident memory.
 *
 *   npx tsx infra/emulators/firestore-jvm-flags.bench.ts [--rounds 2] [--seconds 20] [--warmup 15] [--configs default,serialGcC1]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { FieldValue, getFirestore, type Firestore } from 'firebase-admin/firestore';
import { startFirestoreEmulator } from './firestore-emulator.launcher';

const BASE_JVM_ARGS = ['-Duser.language=en'];

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '2' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '15' },
    configs: { type: 'string', default: '' },
  },
});
const PROJECT_ID = 'demo-jvm-bench';
const WORKERS = 8;

const CONFIGS: Record<string, string[]> = {
  default: [],
  serialGc: ['-XX:+UseSerialGC'],
  serialGcC1: ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'],
  c1Only: ['-XX:TieredStopAtLevel=1'],
  parallelGc: ['-XX:+UseParallelGC'],
};

/** One payment-like transaction: read an account, move an integer amount, append a ledger entry. */
async function transfer(db: Firestore, worker: number, sequence: number): Promise<void> {
  const account = db.collection('accounts').doc(`acct-${worker}`);
  await db.runTransaction(async (tx) => {
    const snapshot = await tx.get(account);
    const balance = (snapshot.get('balanceMinor') as number | undefined) ?? 0;
    tx.set(account, { balanceMinor: balance + 125, currency: 'EUR', updatedAt: FieldValue.serverTimestamp() });
    tx.create(account.collection('entries').doc(`e-${sequence}`), { amountMinor: 125, currency: 'EUR' });
  });
}

async function runFor(db: Firestore, durationMs: number, startSequence: number): Promise<number> {
  const deadline = Date.now() + durationMs;
  let committed = 0;
  let sequence = startSequence;
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, worker) => {
      while (Date.now() < deadline) {
        await transfer(db, worker, sequence++);
        committed++;
      }
    }),
  );
  return committed;
}

function rssMb(pid: number): number {
  const javaPid = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ')[0] || String(pid);
  const status = readFileSync(`/proc/${javaPid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function measure(name: string, flags: string[], seconds: number): Promise<void> {
  const bootStart = Date.now();
  const emulator = await startFirestoreEmulator({ projectId: PROJECT_ID, jvmArgs: [...BASE_JVM_ARGS, ...flags] });
  const bootMs = Date.now() - bootStart;
  process.env.FIRESTORE_EMULATOR_HOST = emulator.hostPort;
  const app = initializeApp({ projectId: PROJECT_ID }, `bench-${name}-${bootStart}`);
  try {
    const db = getFirestore(app);
    // Long enough for C2 to finish compiling the hot paths, so the figure is steady state.
    await runFor(db, Number(values.warmup) * 1000, 0);
    const committed = await runFor(db, seconds * 1000, 1_000_000);
    const perSecond = (committed / seconds).toFixed(1);
    console.log(`${name.padEnd(11)} boot ${String(bootMs).padStart(5)} ms  ${perSecond.padStart(7)} tx/s  rss ${rssMb(emulator.pid)} MB`);
  } finally {
    await deleteApp(app);
    await emulator.stop();
  }
}

async function main(): Promise<void> {
  for (let round = 1; round <= Number(values.rounds); round++) {
    console.log(`round ${round}`);
    for (const [name, flags] of Object.entries(CONFIGS)) {
      if (!values.configs || values.configs.split(',').includes(name)) await measure(name, flags, Number(values.seconds));
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
