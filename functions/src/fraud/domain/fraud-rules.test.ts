import { compileRules, evaluateRules, validateRule, type RuleSet } from './fraud-rules';
import { PLATFORM_DEFAULT_RULES } from './platform-default-rules';
import { RULE_VARIABLES, type RuleContext } from './rule-variables';


/** A context with every variable at a neutral value. */
function context(overrides: RuleContext = {}): RuleContext {
  const neutral: Record<string, bigint | number | boolean | string> = { int: 0n, double: 0, bool: false, string: '' };
  const values: RuleContext = {};
  for (const [name, type] of Object.entries(RULE_VARIABLES)) values[name] = neutral[type];
  return { ...values, card_country: 'US', ip_country: 'US', ...overrides };
}

const merchant = (version: number, rules: RuleSet['rules']): RuleSet => ({ merchantId: 'm_1', version, rules });

function compiled(merchantSet?: RuleSet) {
  const result = compileRules(PLATFORM_DEFAULT_RULES, merchantSet);
  if (!result.ok) throw new Error(result.message);
  return result.rules;
}

describe('validateRule', () => {
  it('accepts conditions over the declared variables', () => {
    expect(validateRule('score > 75')).toEqual({ ok: true });
    expect(validateRule('amount_usd > 1000.0 && card_country != ip_country')).toEqual({ ok: true });
    expect(validateRule('velocity_card_1h >= 5 || (disposable_email && email_domain.endsWith(".ru"))')).toEqual({ ok: true });
  });

  it('reports a syntax error with its position', () => {
    expect(validateRule('score >')).toMatchObject({ ok: false, code: 'rule_syntax_error', position: { offset: 7, line: 1, column: 8 } });
  });

  it('reports an unknown variable with line and column', () => {
    const result = validateRule('score > 10 &&\n  velocity_card_2h > 3');
    expect(result).toMatchObject({ ok: false, code: 'rule_unknown_variable', position: { offset: 16, line: 2, column: 3 } });
    expect(result.ok === false && result.message).toBe('Unknown variable: velocity_card_2h');
  });

  it('rejects type errors and expressions that are not conditions', () => {
    expect(validateRule('card_country > 5')).toMatchObject({ ok: false, code: 'rule_type_error' });
    expect(validateRule('score + 1')).toMatchObject({ ok: false, code: 'rule_not_boolean' });
    expect(validateRule(`score > 1 ${'|| score > 1 '.repeat(200)}`)).toMatchObject({ ok: false, code: 'rule_too_long' });
  });
});

describe('compileRules', () => {
  it('refuses a rule set with an invalid rule and names the rule', () => {
    const result = compileRules(PLATFORM_DEFAULT_RULES, merchant(2, [{ id: 'bad', expression: 'nope', action: 'block' }]));
    expect(result).toMatchObject({ ok: false, ruleId: 'bad', source: 'merchant', code: 'rule_unknown_variable' });
  });
});

describe('evaluateRules', () => {
  it('allows when nothing matches and records the merchant rule version in force', () => {
    const outcome = evaluateRules(compiled(merchant(4, [{ id: 'big', expression: 'amount_usd > 1000.0', action: 'review' }])), context({ score: 10n }));
    expect(outcome).toMatchObject({ decision: 'allow', matchedRules: [], ruleVersion: 'merchant:m_1@4' });
  });

  it('lets a platform default decide before merchant rules', () => {
    const outcome = evaluateRules(compiled(merchant(4, [])), context({ score: 90n }));
    expect(outcome).toMatchObject({ decision: 'block', ruleVersion: 'platform@1', decidedBy: { ruleId: 'platform_score_block' } });
  });

  it('lets a merchant block beat a platform review, recording the merchant version', () => {
    const rules = compiled(merchant(7, [{ id: 'geo', expression: 'amount_usd > 1000.0 && card_country != ip_country', action: 'block' }]));
    const outcome = evaluateRules(rules, context({ score: 70n, amount_usd: 1_500, ip_country: 'NG' }));
    expect(outcome.decision).toBe('block');
    expect(outcome.ruleVersion).toBe('merchant:m_1@7');
    expect(outcome.matchedRules.map((m) => m.ruleId)).toEqual(['platform_score_review', 'geo']);
  });

  it('never lets a merchant allow lift a platform review', () => {
    const rules = compiled(merchant(2, [{ id: 'vip', expression: 'merchant_id == "m_1"', action: 'allow' }]));
    expect(evaluateRules(rules, context({ score: 70n, merchant_id: 'm_1' }))).toMatchObject({ decision: 'review', decidedBy: { ruleId: 'platform_score_review' } });
  });

  it('blocks a known-bad card whatever the score', () => {
    expect(evaluateRules(compiled(), context({ score: 1n, known_bad_card: true }))).toMatchObject({ decision: 'block', decidedBy: { ruleId: 'platform_known_bad_card' } });
  });

  it('treats a rule failing at run time as not matching and reports it', () => {
    const rules = compiled(merchant(3, [{ id: 'div', expression: '100 / velocity_card_1h > 5', action: 'block' }]));
    const outcome = evaluateRules(rules, context({ velocity_card_1h: 0n }));
    expect(outcome.decision).toBe('allow');
    expect(outcome.ruleErrors).toEqual([{ ruleId: 'div', message: 'division by zero' }]);
  });
});

describe('rule cost', () => {
  const list = (n: number) => `[${Array.from({ length: n }, (_, i) => i).join(', ')}]`;

  it('given comprehensions nested three deep, when saved, then it is refused as too expensive', () => {
    const nested = `${list(3)}.all(a, ${list(3)}.all(b, ${list(3)}.all(c, a + b + c < amount)))`;
    expect(validateRule(nested)).toMatchObject({ ok: false, code: 'rule_too_expensive', message: expect.stringContaining('nest') });
  });

  it('given two nested comprehensions over large lists, when saved, then the estimate refuses it; small ones pass', () => {
    expect(validateRule(`${list(60)}.exists(a, ${list(60)}.exists(b, a * b == amount))`)).toMatchObject({ ok: false, code: 'rule_too_expensive', message: expect.stringContaining('estimated') });
    expect(validateRule(`${list(5)}.exists(a, ${list(5)}.exists(b, a * b == amount))`)).toEqual({ ok: true });
  });

  it('given a literal list beyond the parser limit, when saved, then it is refused', () => {
    expect(validateRule(`${list(100)}.exists(a, a == amount)`)).toMatchObject({ ok: false });
  });

  it('given a catastrophic or non-literal matches() pattern, when saved, then it is refused; a plain one passes', () => {
    expect(validateRule('email_domain.matches("^(a+)+$")')).toMatchObject({ ok: false, code: 'rule_too_expensive', message: expect.stringContaining('backtrack') });
    expect(validateRule('email_domain.matches(card_brand)')).toMatchObject({ ok: false, code: 'rule_too_expensive', message: expect.stringContaining('literal') });
    expect(validateRule(`email_domain.matches("${'a'.repeat(250)}")`)).toMatchObject({ ok: false, code: 'rule_too_expensive' });
    expect(validateRule('email_domain.matches("^mail[0-9]*\\\\.example\\\\.com$")')).toEqual({ ok: true });
  });

  it('given a rule that overran its time budget, when the next payment is scored, then the rule is skipped as errored and the others still decide', () => {
    const rules = compiled(merchant(1, [{ id: 'slow', expression: 'amount > 0', action: 'review' }]));
    // Readings are start and end of each rule: the three platform rules take no time, the merchant's 100 ms.
    let reading = 0;
    const slowClock = () => (reading++ === 7 ? 100 : 0);
    const overrun = evaluateRules(rules, context({ amount: 5n }), slowClock);
    expect(overrun).toMatchObject({ decision: 'allow', ruleErrors: [{ ruleId: 'slow', message: expect.stringContaining('budget') }] });
    const next = evaluateRules(rules, context({ amount: 5n, score: 70n }));
    expect(next.ruleErrors).toEqual([{ ruleId: 'slow', message: expect.stringContaining('budget') }]);
    expect(next).toMatchObject({ decision: 'review', decidedBy: { ruleId: 'platform_score_review' } });
    expect(next.matchedRules.map((m) => m.ruleId)).toEqual(['platform_score_review']);
  });

  it('given a platform rule slowed by a pause, when the next payment is scored, then the platform rule still decides', () => {
    // A GC pause inside a platform comparison used to switch platform_known_bad_card off for the instance's lifetime.
    const rules = compiled(merchant(1, [{ id: 'cheap', expression: 'amount > 1000000', action: 'review' }]));
    let reading = 0;
    const pausedClock = () => (reading++ === 1 ? 100 : 0);
    evaluateRules(rules, context({ amount: 5n }), pausedClock);
    const next = evaluateRules(rules, context({ amount: 5n, known_bad_card: true }));
    expect(next).toMatchObject({ decision: 'block', decidedBy: { ruleId: 'platform_known_bad_card' }, ruleErrors: [] });
  });
});
