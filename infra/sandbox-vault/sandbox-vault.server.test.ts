import { startSandboxVault, type SandboxVault } from './sandbox-vault.server';

// The sandbox vault over real HTTP: it describes the platform's tokens and issues new distinct cards.
let vault: SandboxVault;
let liveVault: SandboxVault;

beforeAll(async () => {
  vault = await startSandboxVault();
  liveVault = await startSandboxVault({ mode: 'live' });
});
afterAll(async () => Promise.all([vault.close(), liveVault.close()]));

const call = async (base: string, method: string, path: string, key: string, body?: object, headers: Record<string, string> = {}) => {
  const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers }, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, body: (await res.json()) as any };
};

describe('sandbox vault', () => {
  it('describes a documented token, with its test risk in test mode only', async () => {
    const test = await call(vault.url, 'GET', '/v1/payment_methods/pm_card_risk_elevated', 'vk_test_x');
    expect(test).toMatchObject({ status: 200, body: { id: 'pm_card_risk_elevated', object: 'payment_method', type: 'card', card: { brand: 'visa', country: 'us' }, test_risk: 'risk_elevated', livemode: false } });
    expect(test.body.card.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    const live = await call(liveVault.url, 'GET', '/v1/payment_methods/pm_card_risk_elevated', 'vk_live_x');
    expect(live.body).not.toHaveProperty('test_risk');
    expect(live.body.livemode).toBe(true);
  });

  it('issues a distinct card per request, replayed under its idempotency key', async () => {
    const first = await call(vault.url, 'POST', '/v1/payment_methods', 'vk_test_x', { type: 'card', card: { brand: 'mastercard', country: 'gb' } }, { 'idempotency-key': 'k1' });
    expect(first).toMatchObject({ status: 201, body: { token: expect.stringMatching(/^pm_card_mastercard_gb_[0-9a-f]{12}$/), card: { brand: 'mastercard', country: 'gb' } } });
    const replay = await call(vault.url, 'POST', '/v1/payment_methods', 'vk_test_x', { type: 'card', card: { brand: 'mastercard', country: 'gb' } }, { 'idempotency-key': 'k1' });
    expect(replay.body.token).toBe(first.body.token);
    const other = await call(vault.url, 'POST', '/v1/payment_methods', 'vk_test_x', { type: 'card', card: { brand: 'mastercard', country: 'gb' } });
    expect(other.body.card.fingerprint).not.toBe(first.body.card.fingerprint);
    expect((await call(vault.url, 'GET', `/v1/payment_methods/${first.body.token}`, 'vk_test_x')).body.card).toEqual(first.body.card);
  });

  it('refuses unknown tokens, malformed requests and keys of the other mode', async () => {
    expect((await call(vault.url, 'GET', '/v1/payment_methods/pm_nope', 'vk_test_x')).status).toBe(404);
    expect((await call(vault.url, 'POST', '/v1/payment_methods', 'vk_test_x', { type: 'card', card: { brand: 'diners', country: 'gb' } })).status).toBe(400);
    expect((await call(vault.url, 'GET', '/v1/payment_methods/pm_card_visa', 'vk_live_x')).status).toBe(403);
    expect((await call(vault.url, 'GET', '/v1/payment_methods/pm_card_visa', 'sk_test_x')).status).toBe(401);
  });
});
