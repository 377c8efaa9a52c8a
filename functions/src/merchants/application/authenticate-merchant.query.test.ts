import { fixedClock } from '../../shared/clock';
import type { IdTokenVerifier } from '../../shared/id-token.verifier';
import { MERCHANT_ROLES, type RouteAccess } from '../../shared/merchant-access';
import { InMemoryMerchantRepository } from '../adapters/merchant.memory-repository';
import { InMemoryTeamStore } from '../adapters/team.memory-store';
import { generateApiKey, hashApiKey, newApiKeyRecord } from '../domain/api-key';
import { authenticateMerchant } from './authenticate-merchant.query';
import { createMerchant } from './create-merchant.command';

const readPayments: RouteAccess = { resource: 'payments', action: 'read' };
const writeRefunds: RouteAccess = { resource: 'refunds', action: 'write' };
// A stand-in for firebase-admin: `token-<uid>` is that user's valid ID token.
const tokens: IdTokenVerifier = { verify: async (t) => (t.startsWith('eyJ.') ? { uid: t.slice(4, -1), emailVerified: true } : null) };
const idToken = (uid: string) => `eyJ.${uid}.`;

async function given(livemode = false, nowMs = 0) {
  const merchants = new InMemoryMerchantRepository();
  const team = new InMemoryTeamStore(merchants);
  const { merchant, secretKey } = await createMerchant({ merchants, clock: fixedClock(0) }, { name: 'Shop', livemode });
  const auth = (authorization: string | undefined, access = readPayments) => authenticateMerchant({ merchants, team, tokens, clock: fixedClock(nowMs) }, authorization, access);
  return { merchants, team, merchant, secretKey, auth };
}

describe('authenticateMerchant', () => {
  it('given a valid secret key, then the merchant, the mode and the key are known', async () => {
    const { merchant, secretKey, auth, merchants } = await given(true);
    const keyId = merchants.storedApiKeys()[0].id;
    expect(await auth(`Bearer ${secretKey}`)).toEqual({ ok: true, value: { merchantId: merchant.id, livemode: true, credential: { kind: 'secret_key', keyId } } });
  });

  it.each([undefined, '', 'Basic abc', 'Bearer', 'Bearer sk_test_short', 'Bearer sk_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'Bearer rk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'])('given authorization %p, then 401 invalid_api_key', async (header) => {
    const { auth } = await given();
    expect(await auth(header)).toMatchObject({ ok: false, error: { status: 401, type: 'authentication_error', code: 'invalid_api_key' } });
  });

  it('given a revoked key, then 401', async () => {
    const { merchants, secretKey, auth } = await given();
    const [stored] = merchants.storedApiKeys();
    await merchants.saveApiKey({ ...stored, revoked: true });
    expect(await auth(`Bearer ${secretKey}`)).toMatchObject({ ok: false, error: { status: 401 } });
  });

  it('given a rolled key, then it works until its end and is refused from then on', async () => {
    const { merchants, secretKey } = await given();
    const [stored] = merchants.storedApiKeys();
    await merchants.saveApiKey({ ...stored, expiresMs: 1_000 });
    const at = (nowMs: number) => authenticateMerchant({ merchants, team: new InMemoryTeamStore(merchants), tokens, clock: fixedClock(nowMs) }, `Bearer ${secretKey}`, readPayments);
    expect((await at(999)).ok).toBe(true);
    expect(await at(1_000)).toMatchObject({ ok: false, error: { status: 401 } });
  });

  it('given a secret key, then it may do everything but manage keys (403 permission_error)', async () => {
    const { secretKey, auth } = await given();
    expect((await auth(`Bearer ${secretKey}`, writeRefunds)).ok).toBe(true);
    expect((await auth(`Bearer ${secretKey}`, { resource: 'members', action: 'write' })).ok).toBe(true);
    expect(await auth(`Bearer ${secretKey}`, { resource: 'api_keys', action: 'write' })).toMatchObject({ ok: false, error: { status: 403, type: 'permission_error', code: 'insufficient_permissions' } });
  });

  it('given a restricted key, then only its scopes pass: write implies read, read_only reads all but keys and team', async () => {
    const { merchants, merchant, auth } = await given();
    const key = generateApiKey('restricted', false);
    await merchants.saveApiKey(newApiKeyRecord(key, merchant.id, 0, { scopes: ['refunds:write', 'read_only'] }));
    expect((await auth(`Bearer ${key}`, writeRefunds)).ok).toBe(true);
    expect((await auth(`Bearer ${key}`, { resource: 'refunds', action: 'read' })).ok).toBe(true);
    expect((await auth(`Bearer ${key}`, { resource: 'payouts', action: 'read' })).ok).toBe(true);
    expect((await auth(`Bearer ${key}`, { resource: 'payments', action: 'write' })).ok).toBe(false);
    expect((await auth(`Bearer ${key}`, { resource: 'members', action: 'read' })).ok).toBe(false);
    expect((await auth(`Bearer ${key}`, { resource: 'api_keys', action: 'read' })).ok).toBe(false);
  });

  it('given a team member, then the membership (not the token) gives merchant, mode and role, checked per route', async () => {
    const { team, merchant, auth } = await given();
    for (const role of MERCHANT_ROLES) team.members.set(`u_${role}`, { uid: `u_${role}`, merchantId: merchant.id, livemode: false, email: `${role}@x.test`, role, createdMs: 0, updatedMs: 0 });
    expect(await auth(`Bearer ${idToken('u_view_only')}`)).toEqual({ ok: true, value: { merchantId: merchant.id, livemode: false, credential: { kind: 'dashboard_user', uid: 'u_view_only', role: 'view_only' } } });
    expect(await auth(`Bearer ${idToken('u_view_only')}`, writeRefunds)).toMatchObject({ ok: false, error: { status: 403, message: expect.stringContaining('view_only') } });
    expect((await auth(`Bearer ${idToken('u_analyst')}`, writeRefunds)).ok).toBe(true);
    expect((await auth(`Bearer ${idToken('u_developer')}`, { resource: 'api_keys', action: 'write' })).ok).toBe(true);
    expect((await auth(`Bearer ${idToken('u_developer')}`, { resource: 'members', action: 'write' })).ok).toBe(false);
  });

  it('given a valid token of a user on no team, then 403; given an invalid token, then 401 invalid_id_token', async () => {
    const { auth } = await given();
    expect(await auth(`Bearer ${idToken('stranger')}`)).toMatchObject({ ok: false, error: { status: 403 } });
    expect(await auth('Bearer abc.def.ghi')).toMatchObject({ ok: false, error: { status: 401, code: 'invalid_id_token' } });
  });

  it('when a merchant is created, then only the hash, a short prefix and the last four characters of the key are stored', async () => {
    const { merchants, secretKey } = await given();
    const [stored] = merchants.storedApiKeys();
    expect(stored.keyHash).toBe(hashApiKey(secretKey));
    expect(stored.prefix).toBe(secretKey.slice(0, 12));
    expect(JSON.stringify(merchants.storedApiKeys())).not.toContain(secretKey);
  });
});
