import { bucketOf, checkCondition, compileRouting, decideRoute, EMPTY_ROUTING, RoutingConfig, RoutingFeatures } from './routing';

const BOTH = ['sandbox_processor', 'euro_acquirer'] as const;
const PLATFORM = BOTH;
const features = (overrides: Partial<RoutingFeatures> = {}): RoutingFeatures => ({ amount: 1000, currency: 'usd', card_brand: 'visa', card_country: 'us', customer_country: 'us', ...overrides });
const route = (config: Partial<RoutingConfig>, f: RoutingFeatures, key = 'pay_1', configured: readonly ('sandbox_processor' | 'euro_acquirer')[] = BOTH) =>
  decideRoute(compileRouting({ ...EMPTY_ROUTING, ...config }), f, configured, PLATFORM, key);

describe('routing', () => {
  it('given no merchant routing, then the platform order, every configured processor once', () => {
    expect(route({}, features())).toEqual({ candidates: ['sandbox_processor', 'euro_acquirer'], reason: 'default' });
    expect(route({}, features(), 'pay_1', ['euro_acquirer'])).toEqual({ candidates: ['euro_acquirer'], reason: 'default' });
  });

  it('given rules, then the first that matches names the processors, and the others follow as failover', () => {
    const rules = [
      { id: 'big-eur', condition: 'currency == "eur" && amount >= 100000', processors: ['sandbox_processor' as const] },
      { id: 'eur', condition: 'currency == "eur"', processors: ['euro_acquirer' as const] },
    ];
    expect(route({ rules }, features({ currency: 'eur' }))).toEqual({ candidates: ['euro_acquirer', 'sandbox_processor'], reason: 'rule:eur' });
    expect(route({ rules }, features({ currency: 'eur', amount: 200_000 }))).toEqual({ candidates: ['sandbox_processor', 'euro_acquirer'], reason: 'rule:big-eur' });
    expect(route({ rules }, features()).reason).toBe('default');
    // a rule naming a processor that is not configured in this mode falls through to those that are
    expect(route({ rules }, features({ currency: 'eur' }), 'pay_1', ['sandbox_processor'])).toEqual({ candidates: ['sandbox_processor'], reason: 'rule:eur' });
  });

  it('given a volume split, then each payment lands in a stable bucket and the shares hold over many payments', () => {
    const split = [{ processor: 'euro_acquirer' as const, percent: 30 }, { processor: 'sandbox_processor' as const, percent: 70 }];
    const first = Array.from({ length: 10_000 }, (_, i) => route({ split }, features(), `pay_${i}`).candidates[0]);
    const share = first.filter((p) => p === 'euro_acquirer').length / first.length;
    expect(share).toBeGreaterThan(0.27);
    expect(share).toBeLessThan(0.33);
    expect(route({ split }, features(), 'pay_42')).toEqual(route({ split }, features(), 'pay_42'));
    expect(bucketOf('pay_42')).toBe(bucketOf('pay_42'));
  });

  it('given a European card and local routing asked for, then the European acquirer first; otherwise the order stands', () => {
    expect(route({ preferLocalProcessor: true }, features({ card_country: 'fr' }))).toEqual({ candidates: ['euro_acquirer', 'sandbox_processor'], reason: 'local_processor' });
    expect(route({ preferLocalProcessor: true }, features({ card_country: 'us' })).candidates[0]).toBe('sandbox_processor');
    expect(route({ preferLocalProcessor: false }, features({ card_country: 'fr' })).candidates[0]).toBe('sandbox_processor');
  });

  it('checks conditions when saved: syntax, variables, a bool, and a bounded cost', () => {
    expect(checkCondition('card_country in ["fr", "de"] && amount > 500')).toEqual({ ok: true });
    expect(checkCondition('currency ==')).toMatchObject({ ok: false });
    expect(checkCondition('email == "x"')).toMatchObject({ ok: false });
    expect(checkCondition('amount + 1')).toMatchObject({ ok: false, message: expect.stringContaining('bool') });
    expect(checkCondition('currency.matches("(a+)+$")')).toMatchObject({ ok: false });
    expect(checkCondition('[1,2,3,4,5,6,7,8].all(x, [1,2,3,4,5,6,7,8].all(y, [1,2,3,4,5,6,7,8].all(z, x < 9)))')).toMatchObject({ ok: false });
  });

  it('a condition that fails at run time does not match', () => {
    const rules = [{ id: 'bad', condition: 'amount / 0 > 1', processors: ['euro_acquirer' as const] }];
    expect(route({ rules }, features()).reason).toBe('default');
  });
});
