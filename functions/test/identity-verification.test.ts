import { createStaffKey } from '../../infra/scripts/create-staff';
import { signUpAppUser } from '../../infra/local/app-users';
import { createMerchantWithKey } from '../../infra/scripts/create-merchant';
import { FirestoreMerchantRepository } from '../src/merchants/adapters/merchant.firestore-repository';
import { generateSecretKey, newApiKeyRecord } from '../src/merchants/domain/api-key';
import { firestore } from '../src/platform/adapters/firestore-client';
import { COLLECTIONS } from '../src/shared/firestore-collections';
import { apiClient } from './support/api-client';
import { eventually } from './support/eventually';
import { startTestStack, TestStack } from './support/test-stack';
import { auditRelayed } from './support/audit-relay';

// KYB/KYC end to end: API → run-kyc-check task (Cloud Tasks emulator) → sanctions screening →
// sandbox identity vendor → signed webhook back through the API → decision in the Firestore emulator.
let t: TestStack;
let staffApi: ReturnType<typeof apiClient>;

beforeAll(async () => {
  t = await startTestStack({ identityVendor: { hangMs: 2500, errorAttempts: 2 } });
  staffApi = apiClient(t.stack.apiUrl, await createStaffKey('ria@bank.test'));
}, 120_000);

// The compliance trail of one verification, as the staff API shows it.
async function trailOf(verificationId: string) {
  await auditRelayed(); // the staff API reads the audit database, which the relay fills
  const audit = (await staffApi.get(`/v1/audit_log?subject=${encodeURIComponent(`verifications/${verificationId}`)}&limit=100`)).body.data as any[];
  const cases = ((await staffApi.get('/v1/cases?limit=100')).body.data as any[]).filter((c) => c.subject === `verifications/${verificationId}`);
  return { audit, cases };
}

afterAll(async () => {
  await t?.stack.stop();
});

const owner = (overrides: Record<string, string> = {}) => ({
  name: 'Ann Example', date_of_birth: '1980-02-29', country: 'GB', address: '1 High Street, London', id_document_token: 'doc_tok_passport_1', ...overrides,
});
const application = (owners: object[], business: Record<string, string> = {}) => ({
  business: { legal_name: 'Example Trading Ltd', registration_number: '01234567', country: 'GB', address: '2 Market Square, Leeds', ...business },
  beneficial_owners: owners,
});

async function submit(name: string, body: object, secretKey?: string) {
  const api = apiClient(t.stack.apiUrl, secretKey ?? (await t.newMerchant(name)).secretKey);
  const created = await api.post('/v1/account/verification', body);
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ object: 'account_verification', status: 'pending' });
  return { api, id: created.body.id as string };
}

function settled(api: ReturnType<typeof apiClient>, timeoutMs = 30_000): Promise<any> {
  return eventually(
    async () => {
      const answer = await api.get('/v1/account/verification');
      if (answer.status !== 200 || answer.body.status === 'pending') throw new Error(`verification still ${answer.body?.status ?? answer.status}`);
      return answer.body;
    },
    { timeoutMs },
  );
}

it('verifies a clean business and owner, storing no personal data in clear', async () => {
  const { api, id } = await submit('Clean Co', application([owner()]));
  expect(await settled(api)).toMatchObject({ id, status: 'verified', reasons: [] });
  const stored = JSON.stringify((await firestore().collection(COLLECTIONS.verifications).doc(id).get()).data());
  expect(stored).toContain('Ann Example');
  expect(stored).not.toMatch(/1980-02-29|High Street|Market Square|doc_tok_passport_1/);
}, 60_000);

it('rejects when the vendor rejects the identity document', async () => {
  const { api } = await submit('Rejected Co', application([owner({ id_document_token: 'doc_reject' })]));
  expect(await settled(api)).toMatchObject({ status: 'rejected', reasons: [expect.stringMatching(/^owner_0: identity_rejected/)] });
}, 60_000);

it('asks for review when the vendor cannot decide', async () => {
  const { api, id } = await submit('Review Co', application([owner({ id_document_token: 'doc_review' })]));
  expect(await settled(api)).toMatchObject({ status: 'requires_review', reasons: ['owner_0: identity_needs_review'] });
  const { audit, cases } = await trailOf(id);
  expect(audit).toEqual([expect.objectContaining({ action: 'identity.verification_decided', actor: 'system:identity-vendor-webhook', details: expect.objectContaining({ status: 'requires_review' }) })]);
  expect(cases).toEqual([expect.objectContaining({ kind: 'identity_review', status: 'open', priority: 'normal' })]);
}, 60_000);

it('rejects a beneficial owner on the OFAC SDN list', async () => {
  const { api, id } = await submit('Sanctioned Co', application([owner(), owner({ name: 'Manuel Antonio Noriega' })]));
  expect(await settled(api)).toMatchObject({ status: 'rejected', reasons: ['owner_1: sanctions_match'] });
  const { audit, cases } = await trailOf(id);
  expect(audit).toEqual([
    expect.objectContaining({
      action: 'identity.verification_decided',
      actor: 'system:run-kyc-check',
      details: expect.objectContaining({ status: 'rejected', screening: expect.arrayContaining([expect.objectContaining({ ref: 'owner_1', outcome: 'strong_hit', listVersion: expect.stringMatching(/^OFAC-SDN:/), topMatch: expect.objectContaining({ entityId: '1572' }) })]) }),
    }),
  ]);
  expect(cases).toEqual([expect.objectContaining({ kind: 'sanctions_hit', status: 'open', priority: 'high', merchant_id: expect.any(String) })]);
  const opened = (await staffApi.get(`/v1/audit_log?subject=${encodeURIComponent(`cases/${cases[0].id}`)}`)).body.data;
  expect(opened).toEqual([expect.objectContaining({ action: 'case.opened' })]);
}, 60_000);

it('gets through a vendor that times out once and one that answers 5xx for a while', async () => {
  const { api } = await submit('Flaky Vendor Co', application([owner({ id_document_token: 'doc_timeout' }), owner({ name: 'Bea Example', id_document_token: 'doc_error' })]));
  expect(await settled(api, 60_000)).toMatchObject({ status: 'verified' });
}, 90_000);

it('refuses a forged vendor webhook and writes nothing', async () => {
  const { api, id } = await submit('Forged Co', application([owner({ id_document_token: 'doc_review' })]));
  const forged = JSON.stringify({ id: 'evt_forged1', type: 'check.completed', data: { check_id: 'chk_x', reference: `${id}:owner_0`, result: 'approved', reasons: [] } });
  const t0 = Math.floor(Date.now() / 1000);
  const answer = await fetch(`${t.stack.apiUrl}/v1/webhooks/identity-vendor`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'identity-vendor-signature': `t=${t0},v1=${'0'.repeat(64)}` }, body: forged,
  });
  expect(answer.status).toBe(400);
  expect(((await answer.json()) as any).error.code).toBe('signature_mismatch');
  expect((await firestore().collection(COLLECTIONS.identityVendorEvents).doc('evt_forged1').get()).exists).toBe(false);
  expect((await settled(api)).status).toBe('requires_review');
}, 60_000);

it('refuses live payments of an unverified merchant with 403 and creates nothing; test payments still work', async () => {
  const { merchantId, secretKey } = await createMerchantWithKey('Unverified Live Co', true);
  const live = apiClient(t.stack.apiUrl, secretKey);
  const refused = await live.post('/v1/payments', { amount: 1000, currency: 'usd', payment_method: 'pm_card_visa' });
  expect(refused.status).toBe(403);
  expect(refused.body.error).toMatchObject({ type: 'invalid_request_error', code: 'account_not_verified' });
  expect((await firestore().collection(COLLECTIONS.payments).where('merchantId', '==', merchantId).get()).empty).toBe(true);

  const test = await apiClient(t.stack.apiUrl, (await t.newMerchant('Unverified Test Co')).secretKey).post('/v1/payments', { amount: 1000, currency: 'usd', payment_method: 'pm_card_visa' });
  expect(test.status).toBe(201);
}, 60_000);

it('lets a live key create payments once its merchant is verified', async () => {
  const { secretKey } = await createMerchantWithKey('Verified Live Co', true);
  const { api } = await submit('unused', application([owner()]), secretKey);
  expect((await settled(api)).status).toBe('verified');
  expect((await api.post('/v1/payments', { amount: 1000, currency: 'usd', payment_method: 'pm_card_visa' })).status).toBe(201);
}, 60_000);

it('verifies an app user authenticated with a Firebase ID token, and refuses requests without one', async () => {
  const token = await (await signUpAppUser(t.stack.auth.hostPort, t.stack.projectId)).idToken();
  const post = (authorization: string) =>
    fetch(`${t.stack.apiUrl}/v1/kyc/verifications`, { method: 'POST', headers: { 'content-type': 'application/json', authorization, 'idempotency-key': 'kyc-1' }, body: JSON.stringify(owner()) });
  expect((await post('Bearer not-a-token')).status).toBe(401);
  const created = await post(`Bearer ${token}`);
  expect(created.status).toBe(201);
  const body = (await created.json()) as any;
  expect(body).toMatchObject({ object: 'kyc_verification', status: 'pending' });
  expect(((await (await post(`Bearer ${token}`)).json()) as any).id).toBe(body.id);
  await eventually(async () => expect((await firestore().collection(COLLECTIONS.verifications).doc(body.id).get()).get('status')).toBe('verified'));
}, 60_000);

it('answers an app user with the status only, refuses an unverified e-mail, and limits new verifications per user with 429 and Retry-After', async () => {
  const post = (token: string, key: string) =>
    fetch(`${t.stack.apiUrl}/v1/kyc/verifications`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key }, body: JSON.stringify(owner()) });
  const unverified = await post(await (await signUpAppUser(t.stack.auth.hostPort, t.stack.projectId, { emailVerified: false })).idToken(), 'kyc-u');
  expect(unverified.status).toBe(403);
  expect(((await unverified.json()) as any).error.code).toBe('email_not_verified');

  const appUser = await signUpAppUser(t.stack.auth.hostPort, t.stack.projectId);
  await appUser.setClaims({ merchant_id: 'acct_budget_app' });
  const token = await appUser.idToken(true);
  const answers = [];
  for (let n = 0; n < 6; n++) answers.push(await post(token, `kyc-budget-${n}`));
  expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 429]);
  expect(Object.keys((await answers[0].json()) as object).sort()).toEqual(['created', 'id', 'object', 'status', 'updated']);
  expect(Number(answers[5].headers.get('retry-after'))).toBeGreaterThan(0);
  expect(((await answers[5].json()) as any).error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limited' });
  // A replay of an accepted request is not a new verification: it still answers.
  expect((await post(token, 'kyc-budget-0')).status).toBe(201);
}, 60_000);

it('never lets a test-mode verification, approved by the sandbox, unlock live payments', async () => {
  const { merchantId, secretKey: liveKey } = await createMerchantWithKey('Two Modes Co', true);
  const testKey = generateSecretKey(false);
  await new FirestoreMerchantRepository(firestore()).saveApiKey(newApiKeyRecord(testKey, merchantId, Date.now()));
  const { api: testApi } = await submit('unused', application([owner()]), testKey);
  expect((await settled(testApi)).status).toBe('verified');

  const live = apiClient(t.stack.apiUrl, liveKey);
  expect((await live.get('/v1/account/verification')).status).toBe(404);
  const refused = await live.post('/v1/payments', { amount: 1000, currency: 'usd', payment_method: 'pm_card_visa' });
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe('account_not_verified');
}, 60_000);
