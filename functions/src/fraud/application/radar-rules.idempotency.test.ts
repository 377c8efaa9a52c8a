import { CreateRadarRuleRequest } from '../../contracts/radar-api.v1';
import { runIdempotent } from '../../platform/http/idempotent-mutation';
import { MERCHANT } from '../../payments/application/testing/payment-builders';
import { createRadarRule, deleteRadarRule, listRadarRules, radarRuleIdFor } from './radar-rules.command';
import { fraudHarness } from './testing/fraud-harness';

const rule: CreateRadarRuleRequest = { expression: 'amount > 100', action: 'review' };

// The rule set has its own versioned transaction, so the merchant API changes it before the
// request's transaction (prepare), never inside its body.
function radarApi() {
  const f = fraudHarness();
  const create = (key: string | undefined) =>
    runIdempotent(
      { transactions: f.h.payments, clock: f.h.clock },
      {
        merchant: MERCHANT,
        key,
        method: 'POST',
        path: '/v1/radar/rules',
        body: rule,
        prepare: () => createRadarRule(f.radar, MERCHANT, rule, radarRuleIdFor(MERCHANT, key)),
        execute: async (_tx, created) => ({ status: created.ok ? 200 : created.error.status, body: created.ok ? created.value : null }),
      },
    );
  return { f, create };
}

describe('radar rules created with an Idempotency-Key', () => {
  it('given one key, when the create runs twice (two attempts of one request), then one rule and one new version exist', async () => {
    const { f } = radarApi();
    const id = radarRuleIdFor(MERCHANT, 'key-1');
    const first = await createRadarRule(f.radar, MERCHANT, rule, id);
    const second = await createRadarRule(f.radar, MERCHANT, rule, id);
    expect(first).toMatchObject({ ok: true, value: { id } });
    expect(second).toEqual(first);
    const list = await listRadarRules(f.radar, MERCHANT);
    expect(list.data.map((r) => r.id)).toEqual([id]);
    expect(list.version).toBe(1);
  });

  it('given a request through the API shell, when its transaction body runs twice, then the rule is added once', async () => {
    const { f, create } = radarApi();
    const reply = await create(undefined);
    expect(reply.status).toBe(200);
    expect((await listRadarRules(f.radar, MERCHANT)).data).toHaveLength(1);
  });

  it('given a created rule that was deleted, when the create is replayed with its key, then the stored answer comes back and the rule stays deleted', async () => {
    const { f, create } = radarApi();
    const first = await create('key-1');
    const id = (first.body as { id: string }).id;
    expect(await deleteRadarRule(f.radar, MERCHANT, id)).toMatchObject({ ok: true });
    const again = await create('key-1');
    expect(again).toMatchObject({ status: 200, body: first.body, replayed: true });
    expect((await listRadarRules(f.radar, MERCHANT)).data).toEqual([]);
  });

  it('given two keys (or none), when created, then they are different rules', () => {
    expect(radarRuleIdFor(MERCHANT, 'key-1')).not.toBe(radarRuleIdFor(MERCHANT, 'key-2'));
    expect(radarRuleIdFor(MERCHANT, 'key-1')).not.toBe(radarRuleIdFor({ ...MERCHANT, livemode: !MERCHANT.livemode }, 'key-1'));
    expect(radarRuleIdFor(MERCHANT, undefined)).not.toBe(radarRuleIdFor(MERCHANT, undefined));
  });
});
