import { AmlFacts, compileAmlRules, evaluateAmlRules, PLATFORM_AML_RULES } from './aml-rules';

const quiet: AmlFacts = {
  event_type: 'payment',
  amount_usd_cents: 5_000,
  day_total_usd_cents: 5_000,
  day_total_before_usd_cents: 0,
  near_threshold_count_24h: 0,
  seconds_since_capture: -1,
  customer_country: 'US',
  merchant_country: 'US',
  high_risk_jurisdictions: ['IR', 'KP'],
};
const rulesFor = (facts: Partial<AmlFacts>) => evaluateAmlRules(compileAmlRules(PLATFORM_AML_RULES), { ...quiet, ...facts }).map((h) => h.rule.id);

describe('AML rules', () => {
  it('given an ordinary payment, then no rule matches', () => {
    expect(rulesFor({})).toEqual([]);
  });

  it('given the day total crossing 10,000 USD, then only the crossing payment raises the report rule', () => {
    expect(rulesFor({ day_total_before_usd_cents: 900_000, day_total_usd_cents: 1_000_000 })).toEqual(['daily_total_ctr']);
    expect(rulesFor({ day_total_before_usd_cents: 1_000_000, day_total_usd_cents: 1_100_000 })).toEqual([]);
  });

  it('given a merchant in a high-risk jurisdiction, then the jurisdiction rule matches too', () => {
    expect(rulesFor({ merchant_country: 'KP' })).toEqual(['high_risk_jurisdiction']);
  });

  it('every hit carries the rule set version', () => {
    expect(evaluateAmlRules(compileAmlRules(PLATFORM_AML_RULES), { ...quiet, customer_country: 'IR' })[0].ruleVersion).toBe('aml@1');
  });

  it('given a rule set with an unknown variable or a non-boolean rule, then compiling fails before any event is handled', () => {
    const bad = (expression: string) => () => compileAmlRules({ version: 9, rules: [{ id: 'x', expression, kind: 'alert', dedupe: 'per_payment', description: '' }] });
    expect(bad('amount_usd > 1')).toThrow('AML rule x is invalid');
    expect(bad('amount_usd_cents + 1')).toThrow('AML rule x is invalid');
  });
});
