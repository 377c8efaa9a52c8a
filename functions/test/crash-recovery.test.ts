import { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../src/shared/firestore-collections';
import { apiClient, processorMovements } from './support/api-client';
import { startTestStack, TestStack } from './support/test-stack';

// The failure the outbox, named tasks and idempotent handlers exist for: the functions process is
// killed (SIGKILL) while payments are in flight, then restarted. Nothing may be lost or charged twice.
let t: TestStack;

beforeAll(async () => {
  t = await startTestStack();
}, 120_000);

afterAll(async () => {
  await t?.stack.stop();
});

it('loses no payment and double-charges nothing when the functions process dies mid-run', async () => {
  const api = apiClient(t.stack.apiUrl, (await t.newMerchant('Crash Co')).secretKey);
  const ids: string[] = [];
  for (let i = 0; i < 30; i++) {
    const created = await api.post('/v1/payments', { amount: 1000 + i, currency: 'usd', payment_method: 'pm_card_visa' });
    expect(created.status).toBe(201);
    ids.push(created.body.id);
  }

  await t.stack.killFunctions();
  await t.stack.restartFunctions();

  // The emulator keeps a killed process's transaction locks for about 60 s: a payment caught in one waits that long
  // before its retry can commit, so the wait allows twice that.
  for (const id of ids) expect((await api.waitForPayment(id, (s) => s === 'succeeded', 120_000)).amount_captured).toBeGreaterThan(0);

  const movements = await processorMovements(t.stack.processorUrl);
  for (const id of ids) {
    const mine = movements.filter((m) => m.idempotency_key.endsWith(id));
    expect(mine.map((m) => m.type).sort()).toEqual(['authorization', 'capture']);
  }

  // Every journal balances and the ledger as a whole sums to zero.
  const db = new Firestore({ projectId: t.stack.projectId, host: t.stack.env.FIRESTORE_EMULATOR_HOST, ssl: false });
  const journals = await db.collection(COLLECTIONS.ledgerJournals).get();
  const total = journals.docs.flatMap((doc) => doc.get('entries') as Array<{ amount: number }>).reduce((sum, entry) => sum + entry.amount, 0);
  expect(total).toBe(0);
  expect(journals.size).toBe(ids.length);

  // Every gate ran for every payment, as in production: a risk assessment and a sanctions screening each
  // (no customer country declared, so each payment counts as cross-border and is screened).
  const existing = async (collection: string) => (await db.getAll(...ids.map((id) => db.collection(collection).doc(id)))).filter((doc) => doc.exists).length;
  expect(await existing(COLLECTIONS.riskAssessments)).toBe(ids.length);
  expect(await existing(COLLECTIONS.screenings)).toBe(ids.length);
  await db.terminate();
}, 240_000);
