import { startFirestoreEmulator, type RunningEmulator } from '../../infra/emulators';
import { FirestoreBalanceTransactionsReader } from '../src/ledger/adapters/balance-transactions.firestore-reader';
import { balanceTransactionDocument, journalDocument } from '../src/ledger/application/ledger-journal.record';
import { captureJournal } from '../src/ledger/domain/journal';
import { InMemoryTaskQueue } from '../src/platform/adapters/task-queue.memory';
import { firestore } from '../src/platform/adapters/firestore-client';
import { InMemoryBankGateway } from '../src/settlement/adapters/bank.memory-gateway';
import { MemoryFxProvider } from '../src/settlement/adapters/fx.memory-provider';
import { FirestoreSettlementStore } from '../src/settlement/adapters/settlement.firestore-store';
import { applyBankWebhook } from '../src/settlement/application/apply-bank-webhook.command';
import { settleMerchant } from '../src/settlement/application/settle-merchant.command';
import type { SettlementDeps } from '../src/settlement/application/settlement.deps';
import { submitPayout } from '../src/settlement/application/submit-payout.command';
import { defaultPayoutSettings } from '../src/settlement/domain/payout-settings';
import { fixedClock } from '../src/shared/clock';
import { COLLECTIONS } from '../src/shared/firestore-collections';
import { createLogger } from '../src/shared/logger';

// The settlement store against a real Firestore emulator: one transaction reads the candidates by id,
// writes the payout, its journal and balance transactions, marks what it settled and creates the run
// record; a second delivery and a concurrent one settle nothing twice; the webhook is applied once.
const PROJECT_ID = 'demo-settlement-store';
const DAY = 86_400_000;
const RUN_MS = Date.UTC(2026, 10, 28, 2);

describe('the Firestore settlement store', () => {
  let emulator: RunningEmulator | undefined;

  beforeAll(async () => {
    emulator = await startFirestoreEmulator({ projectId: PROJECT_ID });
    process.env.FIRESTORE_EMULATOR_HOST = emulator.hostPort;
    process.env.GCLOUD_PROJECT = PROJECT_ID;
  }, 90_000);

  afterAll(async () => {
    await emulator?.stop();
  });

  it('settles a merchant once, even delivered twice at once, and books the bank outcome once', async () => {
    const db = firestore(PROJECT_ID);
    const clock = fixedClock(RUN_MS);
    const tasks = new InMemoryTaskQueue();
    const store = new FirestoreSettlementStore(db, async (committed) => {
      for (const task of committed.tasks) await tasks.enqueue(task.queue, task.name, task.payload);
    });
    const deps: SettlementDeps = {
      store,
      balances: new FirestoreBalanceTransactionsReader(db),
      bank: new InMemoryBankGateway(),
      fx: new MemoryFxProvider({ rates: { 'usd:eur': 0.92 }, now: () => clock.nowMs() }),
      tasks,
      clock,
      log: createLogger({}, () => undefined),
      config: { fxMarkupBps: 100, payoutSubmitDelaySeconds: 60 },
    };
    // given a merchant with payout settings and three captures, two available before today
    await db.collection(COLLECTIONS.payoutSettings).doc('acct_fs_test').set({
      ...defaultPayoutSettings('acct_fs', false),
      bankAccount: { token: 'ba_test_success', last4: '6789', country: 'US', currency: 'usd' },
    });
    for (const [i, capturedMs] of [RUN_MS - 3 * DAY, RUN_MS - 3 * DAY, RUN_MS - DAY / 2].entries()) {
      const journal = captureJournal({ id: `jrn_cap_pay_fs${i}`, paymentId: `pay_fs${i}`, merchantId: 'acct_fs', livemode: false, currency: 'usd', gross: 1_000 * (i + 1), fee: 50, nowMs: capturedMs, availableOnMs: capturedMs + 2 * DAY });
      await db.collection(COLLECTIONS.ledgerJournals).doc(journal.id).set(journalDocument(journal));
      for (const txn of journal.balanceTransactions) await db.collection(COLLECTIONS.balanceTransactions).doc(txn.id).set(balanceTransactionDocument(txn));
    }

    // when the day's task is delivered twice at once
    const request = { merchantId: 'acct_fs', livemode: false, settlementDate: '2026-11-28' };
    const runs = await Promise.all([settleMerchant(deps, request), settleMerchant(deps, request)]);

    // then one payout of the two available charges' net, and the run recorded once
    const payouts = await db.collection(COLLECTIONS.payouts).where('merchantId', '==', 'acct_fs').get();
    expect(payouts.docs.map((d) => d.get('amount'))).toEqual([950 + 1_950]);
    expect(runs.map((r) => r.payouts.map((p) => p.id))).toEqual([[payouts.docs[0].id], [payouts.docs[0].id]]);
    const settled = await db.collection(COLLECTIONS.balanceTransactions).where('payoutId', '==', payouts.docs[0].id).get();
    expect(settled.docs.map((d) => d.get('type')).sort()).toEqual(['charge', 'charge', 'payout']);
    expect((await db.collection(COLLECTIONS.settlements).doc('acct_fs_test_20261128').get()).get('payoutIds')).toEqual([payouts.docs[0].id]);

    // and the bank's answers are applied once
    await submitPayout(deps, payouts.docs[0].id);
    const event = { id: 'bevt_fs_1', type: 'transfer.paid' as const, transferId: 'tr_x', reference: payouts.docs[0].id, amount: 2_900, currency: 'usd', livemode: false, failureCode: null, occurredMs: RUN_MS };
    expect(await applyBankWebhook(deps, event)).toBe('applied');
    expect(await applyBankWebhook(deps, event)).toBe('duplicate');
    expect((await db.collection(COLLECTIONS.payouts).doc(payouts.docs[0].id).get()).get('status')).toBe('paid');
    // and every journal sums to zero per currency
    const sums = new Map<string, number>();
    for (const doc of (await db.collection(COLLECTIONS.ledgerJournals).get()).docs) for (const e of doc.get('entries') as Array<{ currency: string; amount: number }>) sums.set(e.currency, (sums.get(e.currency) ?? 0) + e.amount);
    expect([...sums.values()].every((sum) => sum === 0)).toBe(true);
  }, 60_000);
});
