import { convertForPayout, decimalOf, InvalidFxConversionError } from './fx-conversion';

// Expected values are worked by hand from the rule: exact value at mid, gross half-even, payout down,
// markup half-even, residue = what is left.
describe('convertForPayout: exact conversion of a payout into the settlement currency', () => {
  describe('2-decimal to 2-decimal', () => {
    it('given 100.00 usd at 0.92 eur and 100 bps, then 92.00 eur gross, 91.08 payout, 0.92 markup, no residue', () => {
      expect(convertForPayout({ fromAmount: 100_00, from: 'usd', to: 'eur', midRate: 0.92, markupBps: 100 })).toEqual({
        gross: 92_00,
        payout: 91_08,
        markup: 92,
        residue: 0,
        rate: 0.9108,
      });
    });

    it('given 123.45 gbp at 1.1734 eur, then 144.85623 eur is 144.86 gross, 143.40 payout (down from 143.4076677), 1.45 markup (1.4485623), residue 0.01', () => {
      // exact = 12345 × 1.1734 = 14485.623 cents; × 0.99 = 14340.76677; × 0.01 = 144.85623
      expect(convertForPayout({ fromAmount: 123_45, from: 'gbp', to: 'eur', midRate: 1.1734, markupBps: 100 })).toEqual({
        gross: 14_486,
        payout: 14_340,
        markup: 145,
        residue: 1,
        rate: 1.161666,
      });
    });
  });

  describe('0-decimal currencies (jpy, krw)', () => {
    it('given 12.34 usd at 151.37 jpy, then 1867.9058 jpy is 1868 gross, 1849 payout, 19 markup', () => {
      // exact 1867.9058; payout exact 1849.226742; markup exact 18.679058
      expect(convertForPayout({ fromAmount: 12_34, from: 'usd', to: 'jpy', midRate: 151.37, markupBps: 100 })).toEqual({
        gross: 1868,
        payout: 1849,
        markup: 19,
        residue: 0,
        rate: 149.8563,
      });
    });

    it('given 1000 jpy at 0.0066 usd, then 660 cents gross, 653 payout (653.4 down), 7 markup (6.6), no residue', () => {
      expect(convertForPayout({ fromAmount: 1000, from: 'jpy', to: 'usd', midRate: 0.0066, markupBps: 100 })).toEqual({
        gross: 660,
        payout: 653,
        markup: 7,
        residue: 0,
        rate: 0.006534,
      });
    });

    it('given 50000 krw at 0.1103 jpy (both 0-decimal), then 5515 jpy gross, 5459 payout (5459.85 down), 55 markup (55.15)', () => {
      expect(convertForPayout({ fromAmount: 50_000, from: 'krw', to: 'jpy', midRate: 0.1103, markupBps: 100 })).toEqual({
        gross: 5515,
        payout: 5459,
        markup: 55,
        residue: 1,
        rate: 0.109197,
      });
    });
  });

  describe('3-decimal currencies (kwd, bhd)', () => {
    it('given 1.000 kwd at 3.25 usd, then 325 cents gross, 321 payout (321.75 down), 3 markup (3.25), residue 1', () => {
      expect(convertForPayout({ fromAmount: 1000, from: 'kwd', to: 'usd', midRate: 3.25, markupBps: 100 })).toEqual({
        gross: 325,
        payout: 321,
        markup: 3,
        residue: 1,
        rate: 3.2175,
      });
    });

    it('given 100.00 usd at 0.307692 kwd, then 30769.2 fils is 30769 gross, 30461 payout (30461.508), 308 markup (307.692)', () => {
      expect(convertForPayout({ fromAmount: 100_00, from: 'usd', to: 'kwd', midRate: 0.307692, markupBps: 100 })).toEqual({
        gross: 30_769,
        payout: 30_461,
        markup: 308,
        residue: 0,
        rate: 0.30461508,
      });
    });

    it('given 1000 krw at 0.000275 bhd, then 275 fils gross, 272 payout (272.25), 3 markup (2.75 half-even up to 3)', () => {
      expect(convertForPayout({ fromAmount: 1000, from: 'krw', to: 'bhd', midRate: 0.000275, markupBps: 100 })).toEqual({
        gross: 275,
        payout: 272,
        markup: 3,
        residue: 0,
        rate: 0.00027225,
      });
    });

    it('given 2.500 bhd at 1.2345 kwd (3-decimal to 3-decimal), then 3086.25 fils is 3086 gross (half-even), 3055 payout, 31 markup', () => {
      // exact = 2500 × 1.2345 = 3086.25 → 3086 (even); × 0.99 = 3055.3875 → 3055; × 0.01 = 30.8625 → 31
      expect(convertForPayout({ fromAmount: 2500, from: 'bhd', to: 'kwd', midRate: 1.2345, markupBps: 100 })).toEqual({
        gross: 3086,
        payout: 3055,
        markup: 31,
        residue: 0,
        rate: 1.222155,
      });
    });
  });

  describe('rounding', () => {
    it('given gross exactly on a half, then it rounds to the even neighbour (0.5 → 0, 1.5 → 2, 2.5 → 2)', () => {
      const gross = (cents: number) => convertForPayout({ fromAmount: cents, from: 'usd', to: 'jpy', midRate: 1, markupBps: 0 }).gross;
      expect([gross(50), gross(150), gross(250), gross(350)]).toEqual([0, 2, 2, 4]);
    });

    it('given the markup exactly on a half, then it rounds to the even neighbour (2.5 → 2, 3.5 → 4) and the residue keeps the unit', () => {
      expect(convertForPayout({ fromAmount: 250, from: 'usd', to: 'eur', midRate: 1, markupBps: 100 })).toMatchObject({ gross: 250, payout: 247, markup: 2, residue: 1 });
      expect(convertForPayout({ fromAmount: 350, from: 'usd', to: 'eur', midRate: 1, markupBps: 100 })).toMatchObject({ gross: 350, payout: 346, markup: 4, residue: 0 });
    });

    it('given a payout that would round up, then it is rounded down: the merchant never gets a unit not earned', () => {
      // 1.00 usd at 9.99 jpy = 9.99 jpy exactly: gross rounds to 10, the payout goes down to 9
      expect(convertForPayout({ fromAmount: 100, from: 'usd', to: 'jpy', midRate: 9.99, markupBps: 0 })).toEqual({ gross: 10, payout: 9, markup: 0, residue: 1, rate: 9.99 });
    });

    it('given gross rounded down and markup rounded up on halves with an integral payout, then the residue is −1 and still balances', () => {
      // exact 2.5 jpy: gross 2 (even); payout 40% = 1.0 → 1; markup 60% = 1.5 → 2 (even); residue 2 − 1 − 2 = −1
      expect(convertForPayout({ fromAmount: 250, from: 'usd', to: 'jpy', midRate: 1, markupBps: 6000 })).toEqual({ gross: 2, payout: 1, markup: 2, residue: -1, rate: 0.4 });
    });

    it('given 0 bps, then there is no markup, the rate is the mid rate and the residue is only the payout rounding', () => {
      expect(convertForPayout({ fromAmount: 12_34, from: 'usd', to: 'jpy', midRate: 151.37, markupBps: 0 })).toEqual({
        gross: 1868,
        payout: 1867,
        markup: 0,
        residue: 1,
        rate: 151.37,
      });
    });
  });

  describe('edges', () => {
    it('given 1 minor unit, then gross rounds to 1 and the payout to 0; the unit is the residue, not lost', () => {
      expect(convertForPayout({ fromAmount: 1, from: 'usd', to: 'eur', midRate: 0.92, markupBps: 100 })).toEqual({ gross: 1, payout: 0, markup: 0, residue: 1, rate: 0.9108 });
      expect(convertForPayout({ fromAmount: 1, from: 'bhd', to: 'krw', midRate: 3630, markupBps: 100 })).toEqual({ gross: 4, payout: 3, markup: 0, residue: 1, rate: 3593.7 });
    });

    it('given 0, then everything is 0', () => {
      expect(convertForPayout({ fromAmount: 0, from: 'usd', to: 'eur', midRate: 0.92, markupBps: 100 })).toEqual({ gross: 0, payout: 0, markup: 0, residue: 0, rate: 0.9108 });
    });

    it('given 10^12 minor units and a 10-digit rate, then every unit is exact (no float drift)', () => {
      // 10^12 × 0.9234567891 = 923 456 789 100 exactly; × 0.99 = 914 222 221 209; × 0.01 = 9 234 567 891
      expect(convertForPayout({ fromAmount: 1e12, from: 'usd', to: 'eur', midRate: 0.9234567891, markupBps: 100 })).toEqual({
        gross: 923_456_789_100,
        payout: 914_222_221_209,
        markup: 9_234_567_891,
        residue: 0,
        rate: 0.914222221209,
      });
      // 10^12 fils = 10^9 kwd × 490.1234567 jpy = 490 123 456 700 jpy; payout 485 222 222 133 (…133.0), markup 4 901 234 567 (…567.0)
      expect(convertForPayout({ fromAmount: 1e12, from: 'kwd', to: 'jpy', midRate: 490.1234567, markupBps: 100 })).toEqual({
        gross: 490_123_456_700,
        payout: 485_222_222_133,
        markup: 4_901_234_567,
        residue: 0,
        rate: 485.222222133,
      });
    });

    it('given a rate written in exponent form (1.2345e-7), then it is read exactly', () => {
      // 10^12 krw × 0.00000012345 usd = 123 450 usd = 12 345 000 cents
      expect(convertForPayout({ fromAmount: 1e12, from: 'krw', to: 'usd', midRate: 1.2345e-7, markupBps: 0 })).toMatchObject({ gross: 12_345_000, payout: 12_345_000, residue: 0 });
    });
  });

  describe('invalid input is refused', () => {
    const valid = { fromAmount: 100, from: 'usd', to: 'eur', midRate: 0.92, markupBps: 100 };
    it.each([
      ['a fractional amount', { fromAmount: 1.5 }],
      ['a negative amount', { fromAmount: -1 }],
      ['an unsafe amount', { fromAmount: 2 ** 53 }],
      ['NaN as amount', { fromAmount: Number.NaN }],
      ['an unknown source currency', { from: 'xyz' }],
      ['an upper-case code', { to: 'EUR' }],
      ['an unknown target currency', { to: 'xau' }],
      ['the same currency on both sides', { to: 'usd' }],
      ['a zero rate', { midRate: 0 }],
      ['a negative rate', { midRate: -0.92 }],
      ['NaN as rate', { midRate: Number.NaN }],
      ['an infinite rate', { midRate: Number.POSITIVE_INFINITY }],
      ['a negative markup', { markupBps: -1 }],
      ['a fractional markup', { markupBps: 1.5 }],
      ['a markup of 100 %', { markupBps: 10_000 }],
    ])('given %s, then it throws InvalidFxConversionError', (_name, override) => {
      expect(() => convertForPayout({ ...valid, ...override })).toThrow(InvalidFxConversionError);
    });

    it('given a result beyond a safe integer, then it throws instead of losing units', () => {
      expect(() => convertForPayout({ fromAmount: Number.MAX_SAFE_INTEGER, from: 'usd', to: 'krw', midRate: 1380, markupBps: 100 })).toThrow(InvalidFxConversionError);
    });
  });
});

describe('decimalOf: a number read through its decimal string', () => {
  it.each([
    [0.92, 92n, 2],
    [151.37, 15137n, 2],
    [3630, 3630n, 0],
    [1.2345e-7, 12345n, 11],
    [1e-7, 1n, 7],
    [1e21, 10n ** 21n, 0],
    [0.1, 1n, 1],
  ])('%p is %p / 10^%p', (value, digits, scale) => {
    expect(decimalOf(value)).toEqual({ digits, scale });
  });
});
