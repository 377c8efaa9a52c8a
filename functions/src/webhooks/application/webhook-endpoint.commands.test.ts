import { runIdempotent } from '../../platform/http/idempotent-mutation';
import { MERCHANT, webhooksHarness } from '../testing/webhooks-harness';
import { deleteWebhookEndpoint, prepareUpdate, updateWebhookEndpoint } from './change-webhook-endpoint.commands';
import { createWebhookEndpoint, prepareEndpoint } from './create-webhook-endpoint.command';
import { getWebhookEndpoint, listWebhookEndpoints } from './get-webhook-endpoint.query';

const body = { url: 'https://hooks.shop.example/payments', enabled_events: ['payment.*'] };

describe('webhook endpoints', () => {
  it('given a create with an idempotency key, then the secret is answered once: sealed in the store, absent from the idempotency record and the replay', async () => {
    // given
    const h = webhooksHarness();
    const request = {
      merchant: MERCHANT, key: 'idem-1', method: 'POST', path: '/v1/webhook_endpoints', body,
      prepare: () => prepareEndpoint(h.deps, MERCHANT, body),
      execute: async (tx: Parameters<Parameters<typeof h.endpoints.transaction>[0]>[0], prepared: Awaited<ReturnType<typeof prepareEndpoint>>) => {
        const created = await createWebhookEndpoint(tx, MERCHANT, body, prepared, h.clock.nowMs());
        return created.ok ? { status: 201, body: created.value } : { status: 400, body: created.error };
      },
    };

    // when it is sent, then sent again with the same key
    const first = await runIdempotent({ transactions: h.endpoints, clock: h.clock }, request);
    const replay = await runIdempotent({ transactions: h.endpoints, clock: h.clock }, request);

    // then
    const secret = (first.body as { secret: string }).secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(replay).toMatchObject({ status: 201, replayed: true, body: { id: (first.body as { id: string }).id } });
    expect((replay.body as { secret?: string }).secret).toBeUndefined();
    expect(h.endpoints.endpoints.size).toBe(1);
    const stored = JSON.stringify([...h.endpoints.endpoints.values(), ...h.endpoints.idempotency.values()]);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(secret.slice('whsec_'.length, 20));
    // and it opens only for its own endpoint
    const endpoint = [...h.endpoints.endpoints.values()][0];
    await expect(h.deps.sealer.open(endpoint.id, endpoint.secret)).resolves.toBe(secret);
    await expect(h.deps.sealer.open('we_someoneelse', endpoint.secret)).rejects.toThrow();
  });

  it.each([
    ['http in live mode', 'http://hooks.shop.example/x', true],
    ['a private address', 'https://rebind.example/x', false],
    ['a name that does not resolve', 'https://nowhere.example/x', false],
    ['loopback in live mode', 'https://localhost/x', true],
  ])('given %s, then 400 url_invalid and nothing is written', async (_name, url, livemode) => {
    const h = webhooksHarness();
    const merchant = { ...MERCHANT, livemode };
    const prepared = await prepareEndpoint(h.deps, merchant, { url, enabled_events: ['*'] });
    const result = await h.endpoints.transaction((tx) => createWebhookEndpoint(tx, merchant, { url, enabled_events: ['*'] }, prepared, h.clock.nowMs()));
    expect(result).toMatchObject({ ok: false, error: { status: 400, code: 'url_invalid', param: 'url' } });
    expect(h.endpoints.endpoints.size).toBe(0);
  });

  it('given 16 endpoints in a mode, then a 17th is refused, while the other mode still takes one', async () => {
    const h = webhooksHarness();
    for (let i = 0; i < 16; i++) expect(await h.createEndpoint(MERCHANT, body)).toMatchObject({ ok: true });
    expect(await h.createEndpoint(MERCHANT, body)).toMatchObject({ ok: false, error: { code: 'webhook_endpoint_limit' } });
    expect(await h.createEndpoint({ ...MERCHANT, livemode: true }, body)).toMatchObject({ ok: true });
  });

  it('given an endpoint, then another merchant and the other mode get 404 on read, update and delete', async () => {
    const h = webhooksHarness();
    const created = await h.createEndpoint(MERCHANT, body);
    if (!created.ok) throw new Error('not created');
    for (const other of [{ merchantId: 'acct_other', livemode: false }, { ...MERCHANT, livemode: true }]) {
      expect(await getWebhookEndpoint(h.endpoints, other, created.value.id)).toMatchObject({ ok: false, error: { status: 404 } });
      expect(await h.endpoints.transaction((tx) => updateWebhookEndpoint(tx, other, created.value.id, { disabled: true }, { ok: true, value: undefined }, h.clock.nowMs()))).toMatchObject({ ok: false, error: { status: 404 } });
      expect(await h.endpoints.transaction((tx) => deleteWebhookEndpoint(tx, other, created.value.id))).toMatchObject({ ok: false, error: { status: 404 } });
      expect((await listWebhookEndpoints(h.endpoints, other, { limit: 10 })).data).toEqual([]);
    }
    expect(await h.endpoints.getById(created.value.id)).toMatchObject({ status: 'enabled' });
  });

  it('given an update, then the new URL is checked, disabling and re-enabling work, and the secret is never shown', async () => {
    const h = webhooksHarness();
    const created = await h.createEndpoint(MERCHANT, body);
    if (!created.ok) throw new Error('not created');
    const update = async (request: Parameters<typeof updateWebhookEndpoint>[3]) =>
      h.endpoints.transaction(async (tx) => updateWebhookEndpoint(tx, MERCHANT, created.value.id, request, await prepareUpdate(h.deps.guard, MERCHANT, request), h.clock.nowMs()));

    expect(await update({ url: 'https://rebind.example/x' })).toMatchObject({ ok: false, error: { code: 'url_invalid' } });
    expect(await update({ disabled: true })).toMatchObject({ ok: true, value: { status: 'disabled', disabled_reason: 'merchant' } });
    const enabled = await update({ disabled: false, enabled_events: ['refund.*'], description: 'refunds only' });
    expect(enabled).toMatchObject({ ok: true, value: { status: 'enabled', disabled_reason: null, enabled_events: ['refund.*'], description: 'refunds only', url: body.url } });
    expect(enabled.ok && enabled.value.secret).toBeUndefined();
  });
});
