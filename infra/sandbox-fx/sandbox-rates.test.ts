import { REFERENCE_RATES } from '../../functions/src/shared/reference-fx-rates';
import { driftBps, MAX_DAILY_DRIFT_BPS, midRateOn, usdPerUnitOn } from './sandbox-rates';

const DAYS = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2026, 10, 1) + i * 86_400_000).toISOString().slice(0, 10));

describe('sandbox FX market', () => {
  it('given a currency and a day, then its drift is the same every time, within ±0.5 %, and varies from day to day', () => {
    for (const currency of ['eur', 'jpy', 'kwd']) {
      const drifts = DAYS.map((day) => driftBps(currency, day));
      expect(DAYS.map((day) => driftBps(currency, day))).toEqual(drifts);
      for (const drift of drifts) expect(Math.abs(drift)).toBeLessThanOrEqual(MAX_DAILY_DRIFT_BPS);
      expect(new Set(drifts).size).toBeGreaterThan(10);
    }
  });

  it('given usd, then it never drifts: it is the base every cross rate goes through', () => {
    for (const day of DAYS) expect(usdPerUnitOn('usd', day)).toBe(1);
  });

  it('given two currencies, then the mid rate is their USD values crossed, near the reference rates', () => {
    const day = '2026-11-28';
    const rate = midRateOn('eur', 'jpy', day) as number;
    const reference = REFERENCE_RATES.usdPerMajorUnit.eur / REFERENCE_RATES.usdPerMajorUnit.jpy;
    expect(Math.abs(rate / reference - 1)).toBeLessThanOrEqual(0.0101);
    // eur→jpy equals eur→usd × usd→jpy up to the 10 significant digits quoted
    const crossed = (midRateOn('eur', 'usd', day) as number) * (midRateOn('usd', 'jpy', day) as number);
    expect(Math.abs(rate / crossed - 1)).toBeLessThan(1e-8);
  });

  it('given a rate, then it is quoted to at most 10 significant digits', () => {
    for (const [from, to] of [['usd', 'idr'], ['kwd', 'vnd'], ['krw', 'bhd'], ['eur', 'gbp']]) {
      const rate = midRateOn(from, to, '2026-11-28') as number;
      expect(rate).toBeGreaterThan(0);
      expect(Number(rate.toPrecision(10))).toBe(rate);
    }
  });

  it('given a currency the API does not accept, then there is no rate', () => {
    expect(usdPerUnitOn('xyz', '2026-11-28')).toBeUndefined();
    expect(usdPerUnitOn('xau', '2026-11-28')).toBeUndefined();
    expect(midRateOn('usd', 'xyz', '2026-11-28')).toBeUndefined();
    expect(midRateOn('USD', 'eur', '2026-11-28')).toBeUndefined();
  });
});
