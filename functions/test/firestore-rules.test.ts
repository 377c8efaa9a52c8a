import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, doc, getDoc, getDocs, query, setDoc, where, deleteDoc, setLogLevel, type Firestore } from 'firebase/firestore';
import { startFirestoreEmulator, type RunningEmulator } from '../../infra/emulators';
import { ALL_COLLECTION_NAMES, COLLECTIONS } from '../src/shared/firestore-collections';
import { MERCHANT_ROLES, ROLE_GRANTS, type AccessResource, type MerchantRole } from '../src/shared/merchant-access';

// The security rules against a real Firestore emulator: what a mobile app holding a Firebase ID token
// may read (team members by role and mode, end users their own), and that no client ever writes.
const PROJECT_ID = 'demo-firestore-rules';
const RULES_PATH = join(__dirname, '..', '..', 'firestore.rules');
const BOOT_TIMEOUT_MS = 90_000;

const OWN = 'acct_own';
const OTHER = 'acct_other';

// The team's read models and the API resource each one shows: the rules must allow exactly the roles
// that may read that resource through the API (ROLE_GRANTS), so the app and the API agree.
const TEAM_READ_MODELS: ReadonlyArray<{ collection: string; resource: AccessResource }> = [
  { collection: COLLECTIONS.appPayments, resource: 'payments' },
  { collection: COLLECTIONS.appRefunds, resource: 'refunds' },
  { collection: COLLECTIONS.appDisputes, resource: 'disputes' },
  { collection: COLLECTIONS.appReviews, resource: 'reviews' },
  { collection: COLLECTIONS.appPayouts, resource: 'payouts' },
  { collection: COLLECTIONS.balanceSummaries, resource: 'balance' },
  { collection: COLLECTIONS.appMembers, resource: 'members' },
];
// Written out as well, so a change to ROLE_GRANTS alone cannot quietly widen what the app shows.
const EXPECTED_READERS: Record<string, readonly MerchantRole[]> = {
  [COLLECTIONS.appPayments]: ['owner', 'admin', 'developer', 'analyst', 'view_only'],
  [COLLECTIONS.appRefunds]: ['owner', 'admin', 'developer', 'analyst', 'view_only'],
  [COLLECTIONS.appDisputes]: ['owner', 'admin', 'developer', 'analyst', 'view_only'],
  [COLLECTIONS.appReviews]: ['owner', 'admin', 'analyst'],
  [COLLECTIONS.appPayouts]: ['owner', 'admin', 'developer', 'analyst', 'view_only'],
  [COLLECTIONS.balanceSummaries]: ['owner', 'admin', 'developer', 'analyst', 'view_only'],
  [COLLECTIONS.appMembers]: ['owner', 'admin'],
};
const CLIENT_READABLE = new Set<string>([COLLECTIONS.merchants, ...TEAM_READ_MODELS.map((m) => m.collection), COLLECTIONS.appCustomerPayments, COLLECTIONS.appKycStatus]);
const SERVER_ONLY = ALL_COLLECTION_NAMES.filter((name) => !CLIENT_READABLE.has(name));

const docId = (merchantId: string, livemode: boolean) => `${merchantId}_${livemode ? 'live' : 'test'}`;

describe('firestore.rules', () => {
  let emulator: RunningEmulator | undefined;
  let env: RulesTestEnvironment | undefined;

  beforeAll(async () => {
    setLogLevel('silent');
    emulator = await startFirestoreEmulator({ projectId: PROJECT_ID, rulesPath: RULES_PATH });
    env = await initializeTestEnvironment({ projectId: PROJECT_ID, firestore: { host: emulator.host, port: emulator.port, rules: readFileSync(RULES_PATH, 'utf8') } });
    await env.withSecurityRulesDisabled(async (admin) => {
      const db = admin.firestore();
      await db.doc(`${COLLECTIONS.merchants}/${OWN}`).set({ id: OWN, name: 'Own Ltd' });
      await db.doc(`${COLLECTIONS.merchants}/${OTHER}`).set({ id: OTHER, name: 'Other Ltd' });
      // One document per read model, account and mode.
      for (const { collection: name } of TEAM_READ_MODELS)
        for (const merchantId of [OWN, OTHER]) for (const livemode of [false, true]) await db.doc(`${name}/${docId(merchantId, livemode)}`).set({ merchantId, livemode, shown: 'yes' });
      for (const [id, merchantId, customerId, livemode] of [['pay_mine', OWN, 'cus_me', false], ['pay_neighbour', OWN, 'cus_other', false], ['pay_live', OWN, 'cus_me', true], ['pay_elsewhere', OTHER, 'cus_me', false]] as const)
        await db.doc(`${COLLECTIONS.appCustomerPayments}/${id}`).set({ merchantId, customerId, livemode, payment: { id } });
      await db.doc(`${COLLECTIONS.appKycStatus}/vrf_mine`).set({ uid: 'end_user', status: 'verified' });
      await db.doc(`${COLLECTIONS.appKycStatus}/vrf_theirs`).set({ uid: 'someone_else', status: 'pending' });
      for (const name of SERVER_ONLY) await db.doc(`${name}/doc_1`).set({ merchantId: OWN, livemode: false, uid: 'end_user', customerId: 'cus_me', secret: 'x' });
    });
  }, BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await env?.cleanup();
    await emulator?.stop();
  }, BOOT_TIMEOUT_MS);

  const teamMember = (role: MerchantRole, livemode = false, merchantId = OWN): Firestore =>
    env!.authenticatedContext(`u_${role}_${livemode}`, { merchant_id: merchantId, role, livemode }).firestore() as unknown as Firestore;
  const endUser = (claims: Record<string, unknown> = { merchant_id: OWN, customer_id: 'cus_me', livemode: false }): Firestore =>
    env!.authenticatedContext('end_user', claims).firestore() as unknown as Firestore;

  it('agrees with the API: each read model is readable by exactly the roles that may read its resource', () => {
    for (const { collection: name, resource } of TEAM_READ_MODELS) expect([name, MERCHANT_ROLES.filter((r) => ROLE_GRANTS[r].read.includes(resource))]).toEqual([name, EXPECTED_READERS[name]]);
  });

  describe.each(TEAM_READ_MODELS.map((m) => [m.collection] as const))('%s', (name) => {
    it.each(MERCHANT_ROLES.map((r) => [r] as const))('as %s: own account and mode only, and only if the role may', async (role) => {
      const allowed = EXPECTED_READERS[name].includes(role);
      const db = teamMember(role);
      const own = getDoc(doc(db, name, docId(OWN, false)));
      const ownQuery = getDocs(query(collection(db, name), where('merchantId', '==', OWN), where('livemode', '==', false)));
      if (allowed) {
        expect((await assertSucceeds(own)).get('shown')).toBe('yes');
        expect((await assertSucceeds(ownQuery)).docs.map((d) => d.id)).toEqual([docId(OWN, false)]);
      } else {
        await assertFails(own);
        await assertFails(ownQuery);
      }
      // never the other mode, another account, or a query that does not filter on the claims
      await assertFails(getDoc(doc(db, name, docId(OWN, true))));
      await assertFails(getDoc(doc(db, name, docId(OTHER, false))));
      await assertFails(getDocs(query(collection(db, name), where('merchantId', '==', OWN))));
      await assertFails(getDocs(collection(db, name)));
    });

    it('as a live-mode member: live documents only', async () => {
      const db = teamMember('owner', true);
      await assertSucceeds(getDoc(doc(db, name, docId(OWN, true))));
      await assertFails(getDoc(doc(db, name, docId(OWN, false))));
    });

    it('as an end user, a signed-in user without claims, or nobody: nothing', async () => {
      await assertFails(getDoc(doc(endUser(), name, docId(OWN, false))));
      await assertFails(getDoc(doc(env!.authenticatedContext('plain').firestore() as unknown as Firestore, name, docId(OWN, false))));
      await assertFails(getDoc(doc(env!.unauthenticatedContext().firestore() as unknown as Firestore, name, docId(OWN, false))));
    });
  });

  it("lets a member read their own account's document, not another's", async () => {
    await assertSucceeds(getDoc(doc(teamMember('view_only'), COLLECTIONS.merchants, OWN)));
    await assertFails(getDoc(doc(teamMember('view_only'), COLLECTIONS.merchants, OTHER)));
    await assertFails(getDoc(doc(endUser(), COLLECTIONS.merchants, OWN)));
  });

  it('lets an end user read their own payments (their customer, account and mode) and nothing of anyone else', async () => {
    const db = endUser();
    await assertSucceeds(getDoc(doc(db, COLLECTIONS.appCustomerPayments, 'pay_mine')));
    const mine = await assertSucceeds(getDocs(query(collection(db, COLLECTIONS.appCustomerPayments), where('merchantId', '==', OWN), where('livemode', '==', false), where('customerId', '==', 'cus_me'))));
    expect(mine.docs.map((d) => d.id)).toEqual(['pay_mine']);
    for (const id of ['pay_neighbour', 'pay_live', 'pay_elsewhere']) await assertFails(getDoc(doc(db, COLLECTIONS.appCustomerPayments, id)));
    await assertFails(getDocs(query(collection(db, COLLECTIONS.appCustomerPayments), where('merchantId', '==', OWN))));
    // A team member is not an end user, even with a customer_id claim.
    await assertFails(getDoc(doc(env!.authenticatedContext('mixed', { merchant_id: OWN, customer_id: 'cus_me', livemode: false, role: 'owner' }).firestore() as unknown as Firestore, COLLECTIONS.appCustomerPayments, 'pay_mine')));
  });

  it("lets any signed-in user read their own KYC status and nobody else's", async () => {
    const db = endUser();
    expect((await assertSucceeds(getDoc(doc(db, COLLECTIONS.appKycStatus, 'vrf_mine')))).get('status')).toBe('verified');
    await assertFails(getDoc(doc(db, COLLECTIONS.appKycStatus, 'vrf_theirs')));
    await assertFails(getDoc(doc(env!.unauthenticatedContext().firestore() as unknown as Firestore, COLLECTIONS.appKycStatus, 'vrf_mine')));
  });

  it.each(SERVER_ONLY.map((n) => [n] as const))('keeps %s server-only for every role and end user', async (name) => {
    for (const db of [...MERCHANT_ROLES.map((r) => teamMember(r)), endUser()]) {
      await assertFails(getDoc(doc(db, name, 'doc_1')));
      await assertFails(getDocs(query(collection(db, name), where('merchantId', '==', OWN), where('livemode', '==', false))));
    }
  });

  it.each([...CLIENT_READABLE, ...SERVER_ONLY].map((n) => [n] as const))('denies every client write to %s', async (name) => {
    for (const db of [teamMember('owner'), endUser(), env!.unauthenticatedContext().firestore() as unknown as Firestore]) {
      await assertFails(setDoc(doc(db, name, 'new_doc'), { merchantId: OWN, livemode: false }));
      await assertFails(setDoc(doc(db, name, docId(OWN, false)), { merchantId: OWN, livemode: false, shown: 'changed' }));
      await assertFails(deleteDoc(doc(db, name, docId(OWN, false))));
    }
  });
});
