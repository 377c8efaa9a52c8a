import { formatMajorUnits, parseMajorUnits } from './major-units';

describe('major units as text', () => {
  it('given minor units, then the currency\'s exact ISO 4217 decimals are written', () => {
    expect(formatMajorUnits(1234, 'eur')).toBe('12.34');
    expect(formatMajorUnits(5, 'usd')).toBe('0.05');
    expect(formatMajorUnits(1200, 'jpy')).toBe('1200');
    expect(formatMajorUnits(1234, 'kwd')).toBe('1.234');
    expect(formatMajorUnits(99_999_999_999, 'usd')).toBe('999999999.99');
  });

  it('given text, then only the exact form parses, without floating point', () => {
    expect(parseMajorUnits('12.34', 'EUR')).toBe(1234);
    expect(parseMajorUnits('0.29', 'USD')).toBe(29); // 0.29 * 100 is 28.999… as a float
    expect(parseMajorUnits('1200', 'JPY')).toBe(1200);
    expect(parseMajorUnits('1.234', 'KWD')).toBe(1234);
    for (const [value, currency] of [['12.3', 'EUR'], ['12', 'EUR'], ['012.34', 'EUR'], ['1200.0', 'JPY'], ['1,00', 'EUR'], [' 1.00', 'EUR'], ['1.00', 'eur'], ['1.00', 'ZZZ'], [12.34, 'EUR']] as const) {
      expect(parseMajorUnits(value, currency)).toBeNull();
    }
  });

  it('round-trips every amount it writes', () => {
    for (const currency of ['usd', 'jpy', 'kwd']) for (const minor of [0, 1, 10, 99, 100, 101, 123_456_789]) expect(parseMajorUnits(formatMajorUnits(minor, currency), currency.toUpperCase())).toBe(minor);
  });
});
