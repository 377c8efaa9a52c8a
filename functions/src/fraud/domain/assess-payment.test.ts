import { assessPayment } from './assess-payment';
import { compileRules } from './fraud-rules';
import { PLATFORM_DEFAULT_RULES } from './platform-default-rules';
import { DEFAULT_RISK_MODEL } from './risk-model';
import { signalsFixture } from './testing/signals-fixture';


function rules() {
  const result = compileRules(PLATFORM_DEFAULT_RULES, {
    merchantId: 'm_1',
    version: 5,
    rules: [{ id: 'geo_big', expression: 'amount_usd > 1000.0 && card_country != ip_country', action: 'review', description: 'large and abroad' }],
  });
  if (!result.ok) throw new Error(result.message);
  return result.rules;
}

describe('assessPayment', () => {
  it('allows an ordinary domestic payment with a low score and no reasons', () => {
    const assessment = assessPayment(signalsFixture(), DEFAULT_RISK_MODEL, rules());
    expect(assessment).toMatchObject({ decision: 'allow', level: 'normal', reasons: [], matchedRules: [], ruleVersion: 'merchant:m_1@5', modelVersion: DEFAULT_RISK_MODEL.version });
    expect(assessment.score).toBeLessThan(10);
  });

  it('sends a large payment from abroad to review through the merchant rule', () => {
    // given USD 1,500 on a US card from a German IP
    const signals = signalsFixture({ payment: { amountMinor: 150_000, customer: { ip_country: 'DE' } }, amountUsdMinor: 150_000 });
    // when assessed
    const assessment = assessPayment(signals, DEFAULT_RISK_MODEL, rules());
    // then the merchant rule decides and the model explains the mismatch
    expect(assessment).toMatchObject({ decision: 'review', ruleVersion: 'merchant:m_1@5', decidedBy: { ruleId: 'geo_big', description: 'large and abroad' } });
    expect(assessment.reasons).toContain('ip_country_mismatch');
  });

  it('blocks a card testing pattern on score alone, naming it', () => {
    const signals = signalsFixture({ history: { distinctCards: { ip1h: 9, ip24h: 9, device1h: 9, device24h: 9 }, velocity: { ip: { '10m': { count: 9, amountUsdMinor: 900 } } } } });
    const assessment = assessPayment(signals, DEFAULT_RISK_MODEL, rules());
    expect(assessment).toMatchObject({ decision: 'block', level: 'highest', ruleVersion: 'platform@1' });
    expect(assessment.reasons.slice(0, 2)).toEqual(expect.arrayContaining(['distinct_cards_ip_1h', 'distinct_cards_device_1h']));
  });

  it('returns every feature with its explanation for the audit trail', () => {
    const assessment = assessPayment(signalsFixture(), DEFAULT_RISK_MODEL, rules());
    expect(assessment.features.find((f) => f.name === 'velocity_card_10m')).toEqual({ name: 'velocity_card_10m', value: 1, explanation: expect.stringContaining('this one included') });
  });
});
