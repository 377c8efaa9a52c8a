import { HIGH_RISK_JURISDICTIONS } from './high-risk-jurisdictions';
import { computeFeatures } from '../fraud/domain/fraud-features';
import { DEFAULT_HIGH_RISK_COUNTRIES } from '../fraud/domain/risk-reference-data';
import { signalsFixture } from '../fraud/domain/testing/signals-fixture';
import { AmlFacts, compileAmlRules, evaluateAmlRules, PLATFORM_AML_RULES } from '../compliance/domain/aml-rules';

// Every country either context could be asked about: the list itself and a spread of countries off it.
const ASKED = [...HIGH_RISK_JURISDICTIONS.countries, 'US', 'GB', 'DE', 'FR', 'JP', 'BR', 'CH', 'SG', 'AE', 'ZA', 'RU', 'CN', 'IN', 'MX', 'PK', 'PH', 'TR', 'UA'];

const fraudSeesHighRisk = (country: string): boolean => {
  const features = computeFeatures(signalsFixture({ payment: { card: { fingerprint: 'fp_1', country: 'US', brand: 'visa' }, customer: { country } } }));
  return features.find((f) => f.name === 'high_risk_country')?.value === true;
};

const amlRules = compileAmlRules(PLATFORM_AML_RULES);
const amlSeesHighRisk = (country: string): boolean => {
  // The list the compliance wiring passes (compliance.module.ts reads this module).
  const facts: AmlFacts = {
    event_type: 'payment', amount_usd_cents: 5_000, day_total_usd_cents: 5_000, day_total_before_usd_cents: 0, near_threshold_count_24h: 0,
    seconds_since_capture: -1, customer_country: country, merchant_country: 'US', high_risk_jurisdictions: HIGH_RISK_JURISDICTIONS.countries,
  };
  return evaluateAmlRules(amlRules, facts).some((hit) => hit.rule.id === 'high_risk_jurisdiction');
};

describe('one FATF high-risk list for fraud and compliance', () => {
  it('given any country, when the fraud features and the AML rules look at a customer from there, then both call it high-risk or neither does', () => {
    for (const country of ASKED) {
      const expected = (HIGH_RISK_JURISDICTIONS.countries as readonly string[]).includes(country);
      expect({ country, fraud: fraudSeesHighRisk(country), aml: amlSeesHighRisk(country) }).toEqual({ country, fraud: expected, aml: expected });
    }
  });

  it('the fraud default is the shared list itself, not a copy that could drift', () => {
    expect([...DEFAULT_HIGH_RISK_COUNTRIES].sort()).toEqual([...HIGH_RISK_JURISDICTIONS.countries].sort());
  });
});
