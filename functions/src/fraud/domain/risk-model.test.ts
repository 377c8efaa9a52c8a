import { DEFAULT_RISK_MODEL, riskModelConfigSchema, scoreRisk, type RiskModelConfig } from './risk-model';

const model: RiskModelConfig = {
  version: 'test',
  bias: -4,
  terms: [
    { feature: 'velocity_card_1h', weight: 1, transform: { kind: 'excess', over: 3, cap: 5 } },
    { feature: 'ip_country_mismatch', weight: 2, transform: { kind: 'flag' } },
    { feature: 'first_customer_payment', weight: 0.3, transform: { kind: 'flag' } },
    { feature: 'amount_zscore', weight: 0.5, transform: { kind: 'linear' } },
  ],
  reasonThreshold: 0.5,
  maxReasons: 2,
  levels: { elevated: 40, highest: 75 },
};

describe('scoreRisk', () => {
  it('scores a payment without signals as normal with no reasons', () => {
    expect(scoreRisk({ velocity_card_1h: 1, ip_country_mismatch: false }, model)).toMatchObject({ score: 1, level: 'normal', reasons: [] });
  });

  it('applies the logistic function to bias plus weighted terms', () => {
    // given logit -4 + 2 (velocity 5 is 2 over 3) + 2 (mismatch) = 0
    const result = scoreRisk({ velocity_card_1h: 5, ip_country_mismatch: true }, model);
    // then the probability is one half
    expect(result).toMatchObject({ score: 50, level: 'elevated' });
  });

  it('caps an excess term so one counter cannot dominate', () => {
    expect(scoreRisk({ velocity_card_1h: 1_000 }, model).contributions).toEqual([{ feature: 'velocity_card_1h', contribution: 5 }]);
  });

  it('never goes above 99 and names the largest contributions above the threshold', () => {
    const result = scoreRisk({ velocity_card_1h: 50, ip_country_mismatch: true, first_customer_payment: true, amount_zscore: 8 }, model);
    expect(result.score).toBe(99);
    expect(result.level).toBe('highest');
    expect(result.reasons).toEqual(['velocity_card_1h', 'amount_zscore']);
  });

  it('leaves small contributions and unknown features out of the reasons', () => {
    expect(scoreRisk({ first_customer_payment: true, unrelated: 7 }, model).reasons).toEqual([]);
  });

  it('ships a default configuration that passes its own schema', () => {
    expect(riskModelConfigSchema.safeParse(DEFAULT_RISK_MODEL).success).toBe(true);
    expect(riskModelConfigSchema.safeParse({ ...DEFAULT_RISK_MODEL, maxReasons: 0 }).success).toBe(false);
  });
});
