import { getAuth as adminAuth } from 'firebase-admin/auth';
import { collection, connectFirestoreEmulator, doc, getDoc, getDocs, initializeFirestore, query, where, type Firestore } from 'firebase/firestore';
import { signUpAppUser, type AppUser } from '../../infra/local/app-users';
import { FUNCTION_CATALOGUE, type HttpRoute } from '../src/catalogue/function-catalogue';
import { AUDIT_LOG_COLLECTION, COLLECTIONS } from '../src/shared/firestore-collections';
import { auditRelayed } from './support/audit-relay';
import { firestore } from '../src/platform/adapters/firestore-client';
import { FirestoreMerchantRepository } from '../src/merchants/adapters/merchant.firestore-repository';
import { generateSecretKey, newApiKeyRecord } from '../src/merchants/domain/api-key';
import { accessOf, MERCHANT_ROLES, type MerchantRole } from '../src/shared/merchant-access';
import { apiClient } from './support/api-client';
import { eventually } from './support/eventually';
import { startTestStack, type TestStack } from './support/test-stack';

// Issue 11 end to end, on the whole stack with the Firebase Auth emulator: users sign up with the
// Firebase JS SDK, accept invitations, get custom claims, read Firestore under the rules as the app
// would, and every merchant route holds its role checks.
jest.setTimeout(240_000);

let t: TestStack;
let secretKey: string;
let merchantId: string;
const team = {} as Record<MerchantRole, AppUser>;

const api = (credential: string) => apiClient(t.stack.apiUrl, credential);
const appDb = (user: AppUser): Firestore => {
  const db = initializeFirestore(user.app, {});
  const [host, port] = t.stack.firestore.hostPort.split(':');
  try {
    connectFirestoreEmulator(db, host, Number(port));
  } catch {
    // already connected (same app)
  }
  return db;
};

/** Invites `email` as `role` with `inviter`, signs the user up with the SDK and accepts: a member with claims. */
async function join(role: MerchantRole, inviter: string): Promise<AppUser> {
  const user = await signUpAppUser(t.stack.auth.hostPort, t.stack.projectId, { email: `${role}-${Date.now().toString(36)}@shop.test` });
  const invited = await api(inviter).post('/v1/account/members', { email: user.email, role });
  expect(invited).toMatchObject({ status: 200, body: { object: 'invitation', role, status: 'pending', livemode: false } });
  const accepted = await api(await user.idToken()).post(`/v1/account/invitations/${invited.body.id}/accept`, undefined);
  expect(accepted).toMatchObject({ status: 200, body: { object: 'member', id: user.uid, role, livemode: false } });
  await user.idToken(true); // as the app does after joining: the next token carries the claims
  return user;
}

beforeAll(async () => {
  t = await startTestStack();
  ({ merchantId, secretKey } = await t.newMerchant('Team Shop'));
  // The platform's onboarding creates the first owner with the merchant's secret key.
  team.owner = await join('owner', secretKey);
  const ownerToken = await team.owner.idToken();
  for (const role of ['admin', 'developer', 'analyst', 'view_only'] as const) team[role] = await join(role, ownerToken);
});

afterAll(async () => {
  await Promise.all(Object.values(team).map((u) => u.close()));
  await t?.stack.stop();
});

it('gives an accepted member custom claims (merchant, role, mode) that the next ID token carries', async () => {
  expect(await team.owner.claims()).toMatchObject({ merchant_id: merchantId, role: 'owner', livemode: false });
  expect(await team.analyst.claims()).toMatchObject({ merchant_id: merchantId, role: 'analyst', livemode: false });
  const listed = await api(await team.admin.idToken()).get('/v1/account/members');
  expect(listed.status).toBe(200);
  expect(listed.body.data.map((m: { role: string }) => m.role).sort()).toEqual(['admin', 'analyst', 'developer', 'owner', 'view_only']);
});

it('refuses an invitation to anyone but the invited, verified address', async () => {
  const invited = await api(secretKey).post('/v1/account/members', { email: 'someone@shop.test', role: 'view_only' });
  const stranger = await signUpAppUser(t.stack.auth.hostPort, t.stack.projectId);
  expect((await api(await stranger.idToken()).post(`/v1/account/invitations/${invited.body.id}/accept`, undefined)).status).toBe(404);
  const unverified = await signUpAppUser(t.stack.auth.hostPort, t.stack.projectId, { email: 'someone@shop.test', emailVerified: false });
  expect((await api(await unverified.idToken()).post(`/v1/account/invitations/${invited.body.id}/accept`, undefined)).body.error.code).toBe('email_not_verified');
  await Promise.all([stranger.close(), unverified.close()]);
});

it('holds the role checks on every merchant route, for every role (route × role)', async () => {
  const routes = FUNCTION_CATALOGUE.flatMap((f) => (f.trigger === 'http' && f.route.auth === 'merchant_key' ? [f.route] : []));
  expect(routes.length).toBeGreaterThan(40);
  // Who may do what, written out here as the product's policy (not read from the code under test).
  const WRITERS: Record<string, readonly MerchantRole[]> = {
    payments: ['owner', 'admin', 'developer'], refunds: ['owner', 'admin', 'developer', 'analyst'], reviews: ['owner', 'admin', 'analyst'],
    fraud: ['owner', 'admin', 'analyst'], customers: ['owner', 'admin', 'developer'], payouts: ['owner', 'admin'], payout_settings: ['owner', 'admin'],
    account: ['owner', 'admin'], events: ['owner', 'admin', 'developer'], webhook_endpoints: ['owner', 'admin', 'developer'], sanctions: ['owner', 'admin', 'developer', 'analyst'], routing: ['owner', 'admin', 'developer'], disputes: ['owner', 'admin', 'analyst'],
    members: ['owner', 'admin'], api_keys: ['owner', 'admin', 'developer'],
  };
  const READ_DENIED: Record<string, readonly MerchantRole[]> = { members: ['developer', 'analyst', 'view_only'], api_keys: ['analyst', 'view_only'], payout_settings: ['analyst', 'view_only'], reviews: ['developer', 'view_only'] };
  const tokens = Object.fromEntries(await Promise.all(MERCHANT_ROLES.map(async (r) => [r, await team[r].idToken()] as const))) as Record<MerchantRole, string>;
  const mismatches: string[] = [];
  const pathOf = (route: HttpRoute) => route.path.replace('{id}', route.path.startsWith('/v1/account/members') ? 'u_nobody' : route.path.startsWith('/v1/customers') ? 'cus_table' : route.path.includes('events') ? 'evt_nothing' : route.path.includes('api_keys') ? 'key_nothing' : route.path.includes('webhook_endpoints') ? 'we_nothing' : route.path.includes('payouts') ? 'po_nothing' : route.path.includes('refunds') ? 're_nothing' : route.path.includes('balance_transactions') ? 'txn_nothing' : route.path.includes('rules') ? 'rule_nothing' : route.path.includes('disputes') ? 'dp_nothing' : 'pay_nothing');
  for (const route of routes) {
    const access = accessOf(route)!;
    for (const role of MERCHANT_ROLES) {
      const allowed = access.action === 'write' ? WRITERS[access.resource].includes(role) : !(READ_DENIED[access.resource] ?? []).includes(role);
      // An empty or invalid request: an allowed role gets past authorisation (400/404/…), a denied one gets 403.
      const answer = await api(tokens[role]).call(route.method, pathOf(route), route.method === 'POST' ? { body: {} } : {});
      const passed = answer.status !== 403 && answer.status !== 401;
      if (passed !== allowed) mismatches.push(`${role} ${route.method} ${route.path}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 120)}`);
    }
  }
  expect(mismatches).toEqual([]);
});

it('reads Firestore through the SDK exactly as each role allows: payments for all, reviews for analysts, the team for admins', async () => {
  const created = await api(secretKey).post('/v1/payments', { amount: 1500, currency: 'usd', payment_method: 'pm_card_visa', customer: { id: 'cus_app' } });
  expect(created.status).toBe(201);
  await api(secretKey).waitForPayment(created.body.id);
  const own = (name: string) => query(collection(appDb(team.view_only), name), where('merchantId', '==', merchantId), where('livemode', '==', false));
  const payment = await eventually(async () => {
    const snap = await getDoc(doc(appDb(team.view_only), COLLECTIONS.appPayments, created.body.id));
    if (snap.get('payment.status') !== 'succeeded') throw new Error('read model not there yet');
    return snap.data()!;
  });
  expect(payment.payment).toMatchObject({ id: created.body.id, object: 'payment', amount: 1500, status: 'succeeded' });
  expect(JSON.stringify(payment)).not.toMatch(/cus_app|processor|"stage"|gatesPassed|authorization/);
  expect((await getDocs(own(COLLECTIONS.appPayments))).size).toBeGreaterThanOrEqual(1);
  await expect(getDocs(own(COLLECTIONS.appMembers))).rejects.toMatchObject({ code: 'permission-denied' });
  await expect(getDocs(own(COLLECTIONS.appReviews))).rejects.toMatchObject({ code: 'permission-denied' });
  await expect(getDoc(doc(appDb(team.view_only), COLLECTIONS.payments, created.body.id))).rejects.toMatchObject({ code: 'permission-denied' });
  const analystReviews = query(collection(appDb(team.analyst), COLLECTIONS.appReviews), where('merchantId', '==', merchantId), where('livemode', '==', false));
  await getDocs(analystReviews);
  const members = await getDocs(query(collection(appDb(team.admin), COLLECTIONS.appMembers), where('merchantId', '==', merchantId), where('livemode', '==', false)));
  expect(members.docs.map((d) => d.get('member.role')).sort()).toEqual(['admin', 'analyst', 'developer', 'owner', 'view_only']);
  await expect(getDocs(query(collection(appDb(team.admin), COLLECTIONS.appPayments), where('merchantId', '==', merchantId), where('livemode', '==', true)))).rejects.toMatchObject({ code: 'permission-denied' });
});

it("links an end user of the merchant's app to a customer: they read their own payments and KYC status only", async () => {
  const endUser = await signUpAppUser(t.stack.auth.hostPort, t.stack.projectId);
  const linked = await api(secretKey).post('/v1/customers/cus_app/app_user', { uid: endUser.uid });
  expect(linked).toMatchObject({ status: 200, body: { object: 'app_user', uid: endUser.uid, customer: 'cus_app', livemode: false } });
  expect(await endUser.claims()).toMatchObject({ merchant_id: merchantId, customer_id: 'cus_app', livemode: false });
  await endUser.idToken(true);
  const db = appDb(endUser);
  const mine = await eventually(async () => {
    const snap = await getDocs(query(collection(db, COLLECTIONS.appCustomerPayments), where('merchantId', '==', merchantId), where('livemode', '==', false), where('customerId', '==', 'cus_app')));
    if (snap.empty) throw new Error('no customer payment yet');
    return snap.docs.map((d) => d.data());
  });
  expect(mine[0].payment).toMatchObject({ amount: 1500, currency: 'usd', status: 'succeeded' });
  expect(mine[0].payment).not.toHaveProperty('risk');
  await expect(getDocs(query(collection(db, COLLECTIONS.appPayments), where('merchantId', '==', merchantId), where('livemode', '==', false)))).rejects.toMatchObject({ code: 'permission-denied' });
  // KYC: the status of their own check only.
  const kyc = await api(await endUser.idToken()).post(
    '/v1/kyc/verifications',
    { name: 'Ann Example', date_of_birth: '1980-02-29', country: 'GB', address: '1 High Street, London', id_document_token: 'doc_tok_passport_1' },
    { 'idempotency-key': 'kyc-app-1' },
  );
  expect(kyc.status).toBe(201);
  const status = await getDoc(doc(db, COLLECTIONS.appKycStatus, kyc.body.id));
  expect(status.data()).toMatchObject({ uid: endUser.uid, status: expect.any(String) });
  expect(Object.keys(status.data()!).sort()).toEqual(['createdMs', 'status', 'uid', 'updatedMs']);
  await endUser.close();
});

it('creates, rolls with overlap and revokes API keys; a restricted key works for its scopes only; every change is audited', async () => {
  const dev = api(await team.developer.idToken());
  const restricted = await dev.post('/v1/api_keys', { type: 'restricted', name: 'reporting', scopes: ['read_only'] });
  expect(restricted).toMatchObject({ status: 201, body: { object: 'api_key', type: 'restricted', secret: expect.stringMatching(/^rk_test_/) } });
  expect((await api(restricted.body.secret).get('/v1/payments')).status).toBe(200);
  expect((await api(restricted.body.secret).post('/v1/payments', { amount: 100, currency: 'usd', payment_method: 'pm_card_visa' })).status).toBe(403);
  // The secret key cannot mint keys.
  expect((await api(secretKey).post('/v1/api_keys', { type: 'secret' })).status).toBe(403);

  const secret = await dev.post('/v1/api_keys', { type: 'secret', name: 'backend' });
  const rolled = await dev.post(`/v1/api_keys/${secret.body.id}/roll`, { expires_in_hours: 1 });
  expect(rolled).toMatchObject({ status: 200, body: { type: 'secret', secret: expect.stringMatching(/^sk_test_/) } });
  expect((await api(secret.body.secret).get('/v1/payments')).status).toBe(200);
  expect((await api(rolled.body.secret).get('/v1/payments')).status).toBe(200);
  const listed = await dev.get('/v1/api_keys');
  expect(listed.body.data.find((k: { id: string }) => k.id === secret.body.id)).toMatchObject({ status: 'expiring', expires_at: expect.any(Number) });
  expect(JSON.stringify(listed.body)).not.toContain(rolled.body.secret);

  expect((await dev.call('DELETE', `/v1/api_keys/${rolled.body.id}`)).status).toBe(200);
  // Revoked at once in the store; an instance that cached the key stops within the 10 s key cache.
  await eventually(async () => expect((await api(rolled.body.secret).get('/v1/payments')).status).toBe(401), { timeoutMs: 15_000, intervalMs: 500 });

  // The audit trail: who (the developer), what, from which credential, with the key ids only.
  // Read where it ends up: the append-only audit database, once the relay has archived it.
  await auditRelayed();
  const audit = await firestore(undefined, 'audit').collection(AUDIT_LOG_COLLECTION).where('actor', '==', `user:${team.developer.uid}`).get();
  expect(audit.docs.map((d) => d.get('action')).filter((a) => a.startsWith('api_key.')).sort()).toEqual(['api_key.created', 'api_key.created', 'api_key.revoked', 'api_key.rolled']);
  expect(JSON.stringify(audit.docs.map((d) => d.data()))).not.toMatch(/sk_test_|rk_test_/);
});

it('keeps test and live apart: a live key and a test-mode member never see each other\'s team, invitations or payments', async () => {
  const liveKey = generateSecretKey(true);
  await new FirestoreMerchantRepository(firestore()).saveApiKey(newApiKeyRecord(liveKey, merchantId, Date.now()));
  const liveInvite = await api(liveKey).post('/v1/account/members', { email: 'live-only@shop.test', role: 'view_only' });
  expect(liveInvite.body).toMatchObject({ object: 'invitation', livemode: true });
  const testTeam = await api(await team.owner.idToken()).get('/v1/account/members');
  expect(testTeam.body.invitations.map((i: { email: string }) => i.email)).not.toContain('live-only@shop.test');
  expect((await api(liveKey).get('/v1/account/members')).body.data).toEqual([]);
  const testPayments = await api(await team.owner.idToken()).get('/v1/payments');
  expect(testPayments.body.data.length).toBeGreaterThan(0);
  expect((await api(liveKey).get(`/v1/payments/${testPayments.body.data[0].id}`)).status).toBe(404);
});

it('applies a role change and a removal at once in the API, refreshes the claims, and revokes the removed sessions', async () => {
  const owner = api(await team.owner.idToken());
  const analystToken = await team.analyst.idToken();
  expect((await api(analystToken).post('/v1/reviews/pay_nothing/approve', {})).status).toBe(404);
  expect((await owner.post(`/v1/account/members/${team.analyst.uid}`, { role: 'view_only' })).body).toMatchObject({ role: 'view_only' });
  // The same (old) token: the membership decides, so the downgrade holds before the token refreshes.
  expect((await api(analystToken).post('/v1/reviews/pay_nothing/approve', {})).status).toBe(403);
  expect(await team.analyst.claims()).toMatchObject({ role: 'view_only' });

  const removedAtSeconds = Math.floor(Date.now() / 1000);
  expect((await owner.call('DELETE', `/v1/account/members/${team.view_only.uid}`)).status).toBe(200);
  // No membership (403) or a revoked token (401): either way the removed user is out.
  expect([401, 403]).toContain((await api(await team.view_only.idToken()).get('/v1/payments')).status);
  const record = await adminAuth().getUser(team.view_only.uid);
  expect(record.customClaims ?? {}).toEqual({});
  // Sessions revoked by the removal: tokens issued before it are no longer valid.
  expect(Date.parse(record.tokensValidAfterTime!) / 1000).toBeGreaterThanOrEqual(removedAtSeconds);
  // An admin cannot touch the owner; the last owner cannot leave.
  expect((await api(await team.admin.idToken()).post(`/v1/account/members/${team.owner.uid}`, { role: 'admin' })).status).toBe(403);
  expect((await api(secretKey).call('DELETE', `/v1/account/members/${team.owner.uid}`)).status).toBe(409);
});
