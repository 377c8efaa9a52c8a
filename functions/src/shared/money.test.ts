import { isSupportedCurrency, minorUnitsOf } from './currency';
import { basisPoints, money } from './money';

describe('currencies', () => {
  it.each([['jpy', 0], ['usd', 2], ['eur', 2], ['bhd', 3]])('%s has %i minor units', (code, digits) => {
    expect(isSupportedCurrency(code)).toBe(true);
    expect(minorUnitsOf(code)).toBe(digits);
  });

  it.each(['xau', 'xag', 'xpt', 'xts', 'xxx'])('metal or test code %s cannot be charged', (code) => {
    expect(isSupportedCurrency(code)).toBe(false);
    expect(() => minorUnitsOf(code)).toThrow();
  });

  it('codes are lower case, as the API speaks them', () => {
    expect(isSupportedCurrency('USD')).toBe(false);
  });
});

describe('money', () => {
  it('given integer minor units, then money is made; a fraction is refused', () => {
    expect(money(1_050, 'usd')).toEqual({ amount: 1_050, currency: 'usd' });
    expect(() => money(10.5, 'usd')).toThrow();
  });

  it('basis points round half-up in integer arithmetic', () => {
    expect(basisPoints(10_000, 290)).toBe(290);
    expect(basisPoints(1, 5_000)).toBe(1);
    expect(basisPoints(1, 4_999)).toBe(0);
    expect(basisPoints(99_999_999, 290)).toBe(2_900_000);
  });
});
