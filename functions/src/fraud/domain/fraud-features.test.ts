import { FEATURE_CATALOGUE, computeFeatures, featureMap } from './fraud-features';
import { signalsFixture } from './testing/signals-fixture';

const valuesOf = (...args: Parameters<typeof signalsFixture>) => featureMap(computeFeatures(signalsFixture(...args)));

describe('computeFeatures', () => {
  it('emits every catalogued feature, each with an explanation', () => {
    const features = computeFeatures(signalsFixture());
    expect(features.map((f) => f.name).sort()).toEqual(Object.keys(FEATURE_CATALOGUE).sort());
    for (const feature of features) expect(feature.explanation.length).toBeGreaterThan(0);
  });

  it('counts this payment into velocity on top of the history', () => {
    // given 4 earlier payments worth USD 80 on the card within the hour
    const values = valuesOf({ history: { velocity: { card: { '1h': { count: 4, amountUsdMinor: 8_000 } } } } });
    // then the hour shows 5 payments worth USD 130, other windows only this one
    expect(values.velocity_card_1h).toBe(5);
    expect(values.velocity_card_1h_amount_usd).toBe(130);
    expect(values.velocity_card_10m).toBe(1);
  });

  it('gives zero velocity for a key the payment does not have', () => {
    const values = valuesOf({ payment: { customer: { email: 'a@b.com' } } });
    expect(values.velocity_ip_1h).toBe(0);
    expect(values.velocity_customer_24h).toBe(0);
    expect(values.distinct_cards_device_1h).toBe(0);
  });

  it('flags each kind of geography mismatch and names high-risk countries', () => {
    const features = computeFeatures(signalsFixture({ payment: { card: { fingerprint: 'fp', country: 'GB', brand: 'visa' }, customer: { country: 'US', ip_country: 'NG' } } }));
    const values = featureMap(features);
    expect(values).toMatchObject({ card_country_mismatch: true, ip_country_mismatch: true, cross_border: true, high_risk_country: true });
    expect(features.find((f) => f.name === 'high_risk_country')?.explanation).toContain('NG');
  });

  it('raises no geography flag for a domestic payment', () => {
    expect(valuesOf()).toMatchObject({ card_country_mismatch: false, ip_country_mismatch: false, cross_border: false, high_risk_country: false });
  });

  it('recognises disposable e-mail domains whatever their case', () => {
    expect(valuesOf({ payment: { customer: { email: 'x@Mailinator.COM' } } }).disposable_email).toBe(true);
    expect(valuesOf().disposable_email).toBe(false);
  });

  it('computes the amount z-score only once the merchant has enough history', () => {
    // given a merchant mean of USD 50 with a standard deviation of USD 10
    const stats = { count: 101, mean: 5_000, m2: 100 * 1_000 ** 2 };
    expect(valuesOf({ amountUsdMinor: 8_000, history: { merchantAmounts: stats } }).amount_zscore).toBe(3);
    expect(valuesOf({ amountUsdMinor: 8_000, history: { merchantAmounts: { ...stats, count: 5 } } }).amount_zscore).toBe(0);
  });

  it('counts distinct cards including the one paying now, and passes known-bad and first-payment flags through', () => {
    const values = valuesOf({
      history: { distinctCards: { ip1h: 6, ip24h: 9, device1h: 2, device24h: 2 }, knownBad: { card: true, email: false, ip: true }, customerSeenBefore: true, declinesCard24h: 3 },
    });
    expect(values).toMatchObject({ distinct_cards_ip_1h: 7, distinct_cards_ip_24h: 10, distinct_cards_device_1h: 3, known_bad_card: true, known_bad_email: false, known_bad_ip: true, first_customer_payment: false, declines_card_24h: 3 });
  });
});
