import { fixedClock } from '../../shared/clock';
import type { MerchantContext } from '../../shared/merchant-context';
import { InMemoryMerchantRepository } from '../adapters/merchant.memory-repository';
import { InMemoryTeamStore } from '../adapters/team.memory-store';
import { authenticateMerchant } from './authenticate-merchant.query';
import { createApiKey } from './create-api-key.command';
import { listApiKeys } from './list-api-keys.query';
import { revokeApiKey } from './revoke-api-key.command';
import { rollApiKey } from './roll-api-key.command';

const developer: MerchantContext = { merchantId: 'acct_1', livemode: false, credential: { kind: 'dashboard_user', uid: 'u_dev', role: 'developer' } };

function given() {
  const merchants = new InMemoryMerchantRepository();
  const store = new InMemoryTeamStore(merchants);
  const at = (nowMs: number) => ({ store, clock: fixedClock(nowMs) });
  const works = async (key: string, nowMs: number) =>
    (await authenticateMerchant({ merchants, team: store, tokens: { verify: async () => null }, clock: fixedClock(nowMs) }, `Bearer ${key}`, { resource: 'refunds', action: 'write' })).ok;
  return { merchants, store, at, works };
}

describe('API keys', () => {
  it('when a restricted key is created, then its secret is shown once, stored as a hash, listed masked, and it works for its scopes only', async () => {
    const { merchants, at, works, store } = given();
    const created = await createApiKey(at(0), developer, { type: 'restricted', name: 'refunds bot', scopes: ['refunds:write'] });
    if (!created.ok) throw new Error('create failed');
    expect(created.value).toMatchObject({ object: 'api_key', type: 'restricted', name: 'refunds bot', scopes: ['refunds:write'], status: 'active', livemode: false, secret: expect.stringMatching(/^rk_test_[0-9A-Za-z]{32}$/) });
    const secret = created.value.secret!;
    expect(JSON.stringify(merchants.storedApiKeys())).not.toContain(secret);
    const listed = await listApiKeys(at(0), developer);
    expect(listed.data).toEqual([expect.objectContaining({ id: created.value.id, redacted: `rk_test_…${secret.slice(-4)}` })]);
    expect(listed.data[0]).not.toHaveProperty('secret');
    expect(await works(secret, 0)).toBe(true);
    expect(store.audit.map((e) => [e.action, e.actor])).toEqual([['api_key.created', 'user:u_dev']]);
  });

  it('when a key is rolled with 24 h of overlap, then both work until then and only the new one after', async () => {
    const { at, works } = given();
    const old = await createApiKey(at(0), developer, { type: 'secret' });
    if (!old.ok) throw new Error('create failed');
    const rolled = await rollApiKey(at(1_000), developer, old.value.id, 24);
    if (!rolled.ok) throw new Error('roll failed');
    expect(rolled.value.secret).not.toBe(old.value.secret);
    const end = 1_000 + 24 * 3_600_000;
    expect([await works(old.value.secret!, end - 1), await works(rolled.value.secret!, end - 1)]).toEqual([true, true]);
    expect([await works(old.value.secret!, end), await works(rolled.value.secret!, end)]).toEqual([false, true]);
    expect((await listApiKeys(at(end), developer)).data.map((k) => k.status).sort()).toEqual(['active', 'expired']);
  });

  it('when a key is revoked, then it stops at once in the store, the revocation is audited, and a roll of it is refused', async () => {
    const { at, works, store } = given();
    const key = await createApiKey(at(0), developer, { type: 'secret' });
    if (!key.ok) throw new Error('create failed');
    expect(await revokeApiKey(at(5), developer, key.value.id)).toEqual({ ok: true, value: { id: key.value.id, object: 'api_key', deleted: true } });
    expect(await works(key.value.secret!, 5)).toBe(false);
    expect(await rollApiKey(at(6), developer, key.value.id, 1)).toMatchObject({ ok: false, error: { status: 400 } });
    expect(store.audit.map((e) => e.action)).toEqual(['api_key.created', 'api_key.revoked']);
  });

  it("given another merchant's or the other mode's key id, then 404: keys are per account and mode", async () => {
    const { at } = given();
    const key = await createApiKey(at(0), developer, { type: 'secret' });
    if (!key.ok) throw new Error('create failed');
    expect(await revokeApiKey(at(0), { ...developer, merchantId: 'acct_2' }, key.value.id)).toMatchObject({ ok: false, error: { status: 404 } });
    expect(await rollApiKey(at(0), { ...developer, livemode: true }, key.value.id, 0)).toMatchObject({ ok: false, error: { status: 404 } });
  });
});
