import { isSupportedCurrency, minorUnitsOf, supportedCurrencies } from './currency';
import { fromUsd, REFERENCE_FX_TABLE, toUsdCents } from './reference-fx-rates';
import { USD_PER_MAJOR_UNIT } from './reference-rates.table';

describe('reference rates', () => {
  it('given every currency the API accepts, when it is valued in USD, then it converts to a positive integer of cents', () => {
    const accepted = supportedCurrencies();
    expect(accepted.length).toBeGreaterThanOrEqual(45);
    for (const code of accepted) {
      const oneMajorUnit = 10 ** minorUnitsOf(code);
      const cents = toUsdCents(1_000_000 * oneMajorUnit, code);
      expect(Number.isSafeInteger(cents)).toBe(true);
      expect(cents).toBeGreaterThan(0);
    }
  });

  it('given a rate for a code that is not ISO 4217, when the API is asked, then it is still refused', () => {
    expect(Object.keys(USD_PER_MAJOR_UNIT).every((code) => isSupportedCurrency(code))).toBe(true);
    expect(isSupportedCurrency('xau')).toBe(false);
  });

  it('given an ISO currency without a reference rate, when a payment names it, then the API refuses it rather than charging it unmonitored', () => {
    // The Malagasy ariary is ISO 4217 but has no reference rate here.
    expect(USD_PER_MAJOR_UNIT.mga).toBeUndefined();
    expect(isSupportedCurrency('mga')).toBe(false);
    expect(() => toUsdCents(100, 'mga')).toThrow('No reference rate');
  });

  it('given minor units of 0, 2 and 3 digits, when converted, then the decimal point sits where ISO 4217 puts it', () => {
    expect(toUsdCents(10_000, 'usd')).toBe(10_000);
    expect(toUsdCents(10_000, 'jpy')).toBe(6_600);
    expect(toUsdCents(10_000, 'bhd')).toBe(2_650);
  });

  it('given a price in US dollars, when it is charged in another currency, then it is that currency\'s minor units at the same rates', () => {
    expect(fromUsd(15, 'usd')).toBe(1_500);
    expect(fromUsd(15, 'jpy')).toBe(2_273);
    expect(fromUsd(15, 'bhd')).toBe(5_660);
    expect(fromUsd(15, 'EUR')).toBe(1_389);
    expect(() => fromUsd(15, 'xxx')).toThrow('No reference rate');
  });

  it('serves fraud the same values under upper-case codes', () => {
    expect(REFERENCE_FX_TABLE.CHF).toBe(USD_PER_MAJOR_UNIT.chf);
    expect(Object.keys(REFERENCE_FX_TABLE)).toHaveLength(Object.keys(USD_PER_MAJOR_UNIT).length);
  });
});
