import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { setLogLevel } from 'firebase/firestore';
import { startFirestoreEmulator, type RunningEmulator } from '../../infra/emulators';
import { COLLECTIONS } from '../src/shared/firestore-collections';

// The security rules against a real Firestore emulator: what a mobile app holding a Firebase ID
// token may read, and that it can never write.
const PROJECT_ID = 'demo-firestore-rules';
const RULES_PATH = join(__dirname, '..', '..', 'firestore.rules');
const BOOT_TIMEOUT_MS = 90_000;

const OWNER = 'm_owner';
const OTHER = 'm_other';

const payment = (id: string, merchantId: string, createdMs: number) => ({
  id, merchantId, livemode: false, amount: 1250, currency: 'EUR', status: 'succeeded', createdMs, updatedMs: createdMs,
});
const refund = (id: string, merchantId: string) => ({ id, paymentId: 'pay_1', merchantId, amount: 250, currency: 'EUR', status: 'succeeded', createdMs: 3, updatedMs: 3 });

const payout = (id: string, merchantId: string, createdMs: number) => ({
  id, merchantId, livemode: false, amount: 9_710, currency: 'usd', status: 'paid', destination: { last4: '6789', country: 'US', currency: 'usd' }, createdMs,
});
const balanceSummary = (merchantId: string) => ({ merchantId, livemode: false, available: [{ amount: 0, currency: 'usd' }], pending: [{ amount: 970, currency: 'usd' }], updatedMs: 5 });

const SECRET_COLLECTIONS = [
  COLLECTIONS.apiKeys, COLLECTIONS.idempotencyKeys, COLLECTIONS.outbox, COLLECTIONS.ledgerJournals, COLLECTIONS.ledgerCurrencies, COLLECTIONS.rateLimits, COLLECTIONS.deadLetters,
  // money out: the bank token, the finance record and operations data stay server-only
  COLLECTIONS.payoutSettings, COLLECTIONS.balanceTransactions, COLLECTIONS.settlements, COLLECTIONS.bankEvents, COLLECTIONS.reconciliationRuns, COLLECTIONS.reconciliationExceptions,
];

describe('firestore.rules', () => {
  let emulator: RunningEmulator | undefined;
  let env: RulesTestEnvironment | undefined;

  beforeAll(async () => {
    // Every denied write is also logged as a stream warning; the assertions already say it all.
    setLogLevel('silent');
    emulator = await startFirestoreEmulator({ projectId: PROJECT_ID, rulesPath: RULES_PATH });
    env = await initializeTestEnvironment({
      projectId: PROJECT_ID,
      firestore: { host: emulator.host, port: emulator.port, rules: readFileSync(RULES_PATH, 'utf8') },
    });
    await env.withSecurityRulesDisabled(async (admin) => {
      const db = admin.firestore();
      await db.doc(`${COLLECTIONS.merchants}/${OWNER}`).set({ id: OWNER, name: 'Owner Ltd' });
      await db.doc(`${COLLECTIONS.merchants}/${OTHER}`).set({ id: OTHER, name: 'Other Ltd' });
      await db.doc(`${COLLECTIONS.payments}/pay_own1`).set(payment('pay_own1', OWNER, 1));
      await db.doc(`${COLLECTIONS.payments}/pay_own2`).set(payment('pay_own2', OWNER, 2));
      await db.doc(`${COLLECTIONS.payments}/pay_other`).set(payment('pay_other', OTHER, 3));
      await db.doc(`${COLLECTIONS.refunds}/re_own`).set(refund('re_own', OWNER));
      await db.doc(`${COLLECTIONS.refunds}/re_other`).set(refund('re_other', OTHER));
      await db.doc(`${COLLECTIONS.payouts}/po_own1`).set(payout('po_own1', OWNER, 1));
      await db.doc(`${COLLECTIONS.payouts}/po_own2`).set(payout('po_own2', OWNER, 2));
      await db.doc(`${COLLECTIONS.payouts}/po_other`).set(payout('po_other', OTHER, 3));
      await db.doc(`${COLLECTIONS.balanceSummaries}/${OWNER}_test`).set(balanceSummary(OWNER));
      await db.doc(`${COLLECTIONS.balanceSummaries}/${OTHER}_test`).set(balanceSummary(OTHER));
      for (const name of SECRET_COLLECTIONS) await db.doc(`${name}/doc_1`).set({ merchantId: OWNER, secret: 'x' });
    });
  }, BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await env?.cleanup();
    await emulator?.stop();
  }, BOOT_TIMEOUT_MS);

  const testEnv = (): RulesTestEnvironment => {
    if (!env) throw new Error('test environment not initialised');
    return env;
  };
  const merchantUser = (merchantId: string) => testEnv().authenticatedContext(`user_of_${merchantId}`, { merchant_id: merchantId }).firestore();
  const ownerDb = () => merchantUser(OWNER);

  it('lets a merchant user read its own payment, refund and merchant document', async () => {
    // given a user whose token carries the owner's merchant_id claim
    const db = ownerDb();

    // when it reads the owner's documents, then each read succeeds with the stored data
    const snap = await assertSucceeds(db.doc(`${COLLECTIONS.payments}/pay_own1`).get());
    expect(snap.get('merchantId')).toBe(OWNER);
    await assertSucceeds(db.doc(`${COLLECTIONS.refunds}/re_own`).get());
    await assertSucceeds(db.doc(`${COLLECTIONS.merchants}/${OWNER}`).get());
  });

  it('refuses another merchant its payment, refund and merchant document', async () => {
    // given a user of the other merchant
    const db = merchantUser(OTHER);

    // when it reads the owner's documents, then every read is denied
    await assertFails(db.doc(`${COLLECTIONS.payments}/pay_own1`).get());
    await assertFails(db.doc(`${COLLECTIONS.refunds}/re_own`).get());
    await assertFails(db.doc(`${COLLECTIONS.merchants}/${OWNER}`).get());
  });

  it('refuses unauthenticated clients and users without a merchant_id claim', async () => {
    // given a signed-out client and a signed-in user without the claim
    const anonymous = testEnv().unauthenticatedContext().firestore();
    const unclaimed = testEnv().authenticatedContext('user_without_claim').firestore();

    // when they read a payment, then both are denied
    await assertFails(anonymous.doc(`${COLLECTIONS.payments}/pay_own1`).get());
    await assertFails(unclaimed.doc(`${COLLECTIONS.payments}/pay_own1`).get());
    await assertFails(anonymous.collection(COLLECTIONS.payments).where('merchantId', '==', OWNER).get());
  });

  it('allows a list query constrained to the claimed merchant and returns only its payments', async () => {
    // given the owner's user
    const db = ownerDb();

    // when it lists payments filtered by its own merchantId, newest first
    const snap = await assertSucceeds(db.collection(COLLECTIONS.payments).where('merchantId', '==', OWNER).where('livemode', '==', false).orderBy('createdMs', 'desc').get());

    // then exactly its two payments come back
    expect(snap.docs.map((d) => d.id)).toEqual(['pay_own2', 'pay_own1']);
    await assertSucceeds(db.collection(COLLECTIONS.refunds).where('merchantId', '==', OWNER).get());
  });

  it('denies list queries that are unconstrained or name another merchant', async () => {
    // given the owner's user
    const db = ownerDb();

    // when it lists without a merchantId filter or with someone else's, then the query is denied
    await assertFails(db.collection(COLLECTIONS.payments).get());
    await assertFails(db.collection(COLLECTIONS.payments).where('merchantId', '==', OTHER).get());
    await assertFails(db.collection(COLLECTIONS.refunds).get());
    await assertFails(db.collection(COLLECTIONS.merchants).get());
  });

  it('denies every client write, even to the merchant’s own documents', async () => {
    // given the owner's user
    const db = ownerDb();

    // when it creates, updates or deletes anything, then each write is denied
    await assertFails(db.doc(`${COLLECTIONS.payments}/pay_new`).set(payment('pay_new', OWNER, 9)));
    await assertFails(db.doc(`${COLLECTIONS.payments}/pay_own1`).update({ amount: 1 }));
    await assertFails(db.doc(`${COLLECTIONS.payments}/pay_own1`).delete());
    await assertFails(db.doc(`${COLLECTIONS.refunds}/re_new`).set(refund('re_new', OWNER)));
    await assertFails(db.doc(`${COLLECTIONS.merchants}/${OWNER}`).update({ name: 'Renamed' }));
    await assertFails(db.doc(`${COLLECTIONS.apiKeys}/key_new`).set({ merchantId: OWNER }));
  });

  it('lets a merchant’s mobile app read its own payouts and balance summary, and nobody else’s', async () => {
    // given the owner's user and the other merchant's user
    const own = ownerDb();
    const other = merchantUser(OTHER);

    // when the owner lists its payouts newest first and reads its balance summary, then both succeed
    const payouts = await assertSucceeds(own.collection(COLLECTIONS.payouts).where('merchantId', '==', OWNER).orderBy('createdMs', 'desc').get());
    expect(payouts.docs.map((d) => d.id)).toEqual(['po_own2', 'po_own1']);
    const summary = await assertSucceeds(own.doc(`${COLLECTIONS.balanceSummaries}/${OWNER}_test`).get());
    expect(summary.get('pending')).toEqual([{ amount: 970, currency: 'usd' }]);

    // then the other merchant can read neither, nor list them unconstrained, and nobody writes
    await assertFails(other.doc(`${COLLECTIONS.payouts}/po_own1`).get());
    await assertFails(other.doc(`${COLLECTIONS.balanceSummaries}/${OWNER}_test`).get());
    await assertFails(own.collection(COLLECTIONS.payouts).get());
    await assertFails(own.collection(COLLECTIONS.balanceSummaries).where('merchantId', '==', OTHER).get());
    await assertFails(own.doc(`${COLLECTIONS.payouts}/po_own1`).update({ status: 'canceled' }));
    await assertFails(own.doc(`${COLLECTIONS.balanceSummaries}/${OWNER}_test`).set(balanceSummary(OWNER)));
    await assertFails(testEnv().unauthenticatedContext().firestore().doc(`${COLLECTIONS.payouts}/po_own1`).get());
  });

  it.each(SECRET_COLLECTIONS)('never lets a client read %s, even a document tagged with its merchant', async (name) => {
    // given the owner's user and a document in a server-only collection carrying its merchantId
    const db = ownerDb();

    // when it reads the document or lists the collection, then both are denied
    await assertFails(db.doc(`${name}/doc_1`).get());
    await assertFails(db.collection(name).where('merchantId', '==', OWNER).get());
  });
});
