import type { Firestore } from 'firebase-admin/firestore';
import { startFirestoreEmulator } from '../../infra/emulators';
import { balanceTransactionDocument, journalDocument } from '../../functions/src/ledger/application/ledger-journal.record';
import { FirestoreBalanceTransactionsReader } from '../../functions/src/ledger/adapters/balance-transactions.firestore-reader';
import { captureJournal } from '../../functions/src/ledger/domain/journal';
import { InMemoryTaskQueue } from '../../functions/src/platform/adapters/task-queue.memory';
import { firestore } from '../../functions/src/platform/adapters/firestore-client';
import { InMemoryBankGateway } from '../../functions/src/settlement/adapters/bank.memory-gateway';
import { MemoryFxProvider } from '../../functions/src/settlement/adapters/fx.memory-provider';
import { FirestoreSettlementStore } from '../../functions/src/settlement/adapters/settlement.firestore-store';
import { mapBounded, planSettlements } from '../../functions/src/settlement/application/plan-settlements.command';
import { settleMerchant } from '../../functions/src/settlement/application/settle-merchant.command';
import type { SettlementDeps } from '../../functions/src/settlement/application/settlement.deps';
import type { SettlementStore, SettlementTransaction } from '../../functions/src/settlement/application/settlement.repository';
import type { BalanceTransactionsReader } from '../../functions/src/ledger/application/balance-transactions.reader';
import { defaultPayoutSettings, PayoutSettings } from '../../functions/src/settlement/domain/payout-settings';
import { merchantModeId } from '../../functions/src/settlement/domain/settlement-date';
import { QUEUES, SettleMerchantTaskV1 } from '../../functions/src/contracts/payment-tasks.v1';
import { COLLECTIONS } from '../../functions/src/shared/firestore-collections';
import { fixedClock } from '../../functions/src/shared/clock';
import { createLogger } from '../../functions/src/shared/logger';
import type { BenchRow } from '../bench-row';
import { countsBetween, FirestoreCountingProxy, startFirestoreCountingProxy } from '../payments/firestore-counting.proxy';

const DAY = 86_400_000;
const PROJECT = 'demo-settlement-bench';

export interface SettlementBenchOptions {
  readonly merchants: number;
  readonly paymentsPerMerchant: number;
  /** settle-merchant runs in flight, as the settlements queue's maxConcurrentDispatches would allow. */
  readonly concurrency: number;
  /** Second day: new captures per merchant, to show reads follow what is new, not the history. */
  readonly newPerMerchant: number;
  readonly onProgress?: (step: string) => void;
}

/**
 * The daily settlement run of `merchants` merchants with `paymentsPerMerchant` captured payments each,
 * seeded straight into the Firestore emulator (capture journals and their balance transactions, built
 * by the ledger's own builders, plus payout settings with a bank account; 1 merchant in 10 settles in
 * EUR, so its USD takings are converted). Then the whole run in this process: plan-settlements (paged
 * fan-out, the named tasks collected in memory) and every settle-merchant task, `concurrency` at a
 * time, against the emulator through a counting proxy (Firestore reads and writes as billed). A second
 * day adds `newPerMerchant` captures each and runs again: its reads per merchant follow what is new.
 */
export async function runSettlementBench(options: SettlementBenchOptions): Promise<{ rows: BenchRow[] }> {
  const progress = options.onProgress ?? (() => undefined);
  const emulator = await startFirestoreEmulator({ projectId: PROJECT });
  const proxy = await startFirestoreCountingProxy(emulator.hostPort);
  const previousHost = process.env.FIRESTORE_EMULATOR_HOST;
  process.env.FIRESTORE_EMULATOR_HOST = proxy.hostPort;
  process.env.GCLOUD_PROJECT ??= PROJECT;
  try {
    const db = firestore(PROJECT);
    const day1 = Date.UTC(2026, 10, 28, 2);
    progress(`seeding ${options.merchants} merchants × ${options.paymentsPerMerchant} captured payments`);
    const seeding = performance.now();
    await seed(db, options.merchants, options.paymentsPerMerchant, day1 - 3 * DAY, true);
    progress(`seeded in ${Math.round(performance.now() - seeding)} ms`);

    const first = await dailyRun(db, proxy, day1, options.concurrency, progress);
    progress(`second day: ${options.newPerMerchant} new captures per merchant`);
    await seed(db, options.merchants, options.newPerMerchant, day1 - 2 * DAY, false, options.paymentsPerMerchant);
    const second = await dailyRun(db, proxy, day1 + DAY, options.concurrency, progress);

    const n = options.merchants;
    const perMerchant = (value: number) => Math.round((value / n) * 10) / 10;
    return {
      rows: [
        { metric: `settlement daily run, ${n} merchants × ${options.paymentsPerMerchant} payments (${options.concurrency} in flight): wall time`, value: Math.round(first.wallMs), unit: 'ms', target: '< 60000', pass: first.wallMs < 60_000 },
        { metric: 'settlement daily run: payouts made', value: first.payouts, unit: 'payouts' },
        { metric: 'settlement daily run: Firestore reads per merchant', value: perMerchant(first.reads), unit: 'reads', target: `~ new txns (${options.paymentsPerMerchant})` },
        { metric: 'settlement daily run: Firestore writes per merchant', value: perMerchant(first.writes), unit: 'writes' },
        { metric: `settlement next day (${options.newPerMerchant} new per merchant, history ${options.paymentsPerMerchant}): wall time`, value: Math.round(second.wallMs), unit: 'ms' },
        {
          metric: 'settlement next day: Firestore reads per merchant',
          value: perMerchant(second.reads),
          unit: 'reads',
          target: `~ new txns (${options.newPerMerchant}), not history`,
          pass: second.reads / n < options.newPerMerchant + 15,
        },
        { metric: 'settlement next day: Firestore writes per merchant', value: perMerchant(second.writes), unit: 'writes' },
      ],
    };
  } finally {
    if (previousHost === undefined) delete process.env.FIRESTORE_EMULATOR_HOST;
    else process.env.FIRESTORE_EMULATOR_HOST = previousHost;
    await proxy.close();
    await emulator.stop();
  }
}

async function dailyRun(db: Firestore, proxy: FirestoreCountingProxy, nowMs: number, concurrency: number, progress: (step: string) => void) {
  const clock = fixedClock(nowMs);
  const tasks = new InMemoryTaskQueue();
  const store = new FirestoreSettlementStore(db, async () => undefined);
  // Where the time goes: the unsettled query (before the transaction) and the transaction itself.
  const spent = { queryMs: 0, transactionMs: 0 };
  const timed = <T>(key: keyof typeof spent, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    return work().finally(() => (spent[key] += performance.now() - t0));
  };
  const reader = new FirestoreBalanceTransactionsReader(db);
  const timedStore: SettlementStore = Object.assign(Object.create(store) as SettlementStore, { transaction: <T>(w: (tx: SettlementTransaction) => Promise<T>) => timed('transactionMs', () => store.transaction(w)) });
  const deps: SettlementDeps = {
    store: timedStore,
    balances: Object.assign(Object.create(reader) as BalanceTransactionsReader, { unsettledAvailable: (...args: Parameters<BalanceTransactionsReader['unsettledAvailable']>) => timed('queryMs', () => reader.unsettledAvailable(...args)) }),
    bank: new InMemoryBankGateway(),
    fx: new MemoryFxProvider({ rates: { 'usd:eur': 0.92 }, now: () => clock.nowMs() }),
    tasks,
    clock,
    log: createLogger({}, () => undefined),
    config: { fxMarkupBps: 100, payoutSubmitDelaySeconds: 60 },
  };
  const before = proxy.snapshot();
  const started = performance.now();
  const planned = await planSettlements({ store, tasks, clock });
  progress(`plan-settlements: ${planned.enqueued} tasks in ${Math.round(performance.now() - started)} ms; settling, ${concurrency} in flight`);
  const runs = await mapBounded(tasks.inQueue(QUEUES.settlements), concurrency, (task) => {
    // Exactly what the settle-merchant task function does with its payload.
    const payload = SettleMerchantTaskV1.parse(task.payload);
    const unsettled = payload.unsettled?.map(([id, currency, net, availableOnMs]) => ({ id, currency, net, availableOnMs }));
    return settleMerchant(deps, { merchantId: payload.merchant_id, livemode: payload.livemode, settlementDate: payload.settlement_date, unsettled });
  });
  const wallMs = performance.now() - started;
  progress(`daily run: ${Math.round(wallMs)} ms (summed over the runs in flight: unsettled queries ${Math.round(spent.queryMs)} ms, transactions ${Math.round(spent.transactionMs)} ms)`);
  const counts = countsBetween(before, proxy.snapshot());
  return { wallMs, payouts: runs.reduce((n, r) => n + r.payouts.length, 0), reads: counts.readsFound + counts.readsMissing + counts.queryDocuments, writes: counts.writes };
}

async function seed(db: Firestore, merchants: number, perMerchant: number, capturedMs: number, withSettings: boolean, offset = 0): Promise<void> {
  const writer = db.bulkWriter();
  writer.onWriteError((error) => error.failedAttempts < 5);
  for (let m = 0; m < merchants; m++) {
    const merchantId = `acct_bench${String(m).padStart(5, '0')}`;
    if (withSettings) {
      const settings: PayoutSettings = {
        ...defaultPayoutSettings(merchantId, false),
        delayDays: 2,
        settlementCurrency: m % 10 === 0 ? 'eur' : null,
        bankAccount: { token: 'ba_test_success', last4: '6789', country: 'US', currency: 'usd' },
        updatedMs: capturedMs,
      };
      void writer.set(db.collection(COLLECTIONS.payoutSettings).doc(merchantModeId(merchantId, false)), { ...settings });
    }
    for (let p = 0; p < perMerchant; p++) {
      const paymentId = `pay_${merchantId.slice(5)}x${offset + p}`;
      const gross = 1_000 + ((m * 7 + p * 13) % 9_000);
      const journal = captureJournal({ id: `jrn_cap_${paymentId}`, paymentId, merchantId, livemode: false, currency: 'usd', gross, fee: Math.round(gross * 0.029) + 30, nowMs: capturedMs + p, availableOnMs: capturedMs + p + 2 * DAY });
      void writer.set(db.collection(COLLECTIONS.ledgerJournals).doc(journal.id), journalDocument(journal));
      for (const txn of journal.balanceTransactions) void writer.set(db.collection(COLLECTIONS.balanceTransactions).doc(txn.id), balanceTransactionDocument(txn));
    }
  }
  await writer.close();
}
