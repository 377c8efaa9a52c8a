import seedrandom from 'seedrandom';
import { minorUnitsOf } from '../../shared/currency';
import { convertForPayout, InvalidFxConversionError } from './fx-conversion';

// Seeded, so a failure names a case that can be replayed. The expected bounds are computed here from
// the rate's own mantissa and exponent (not through the code under test's decimal reader).
const SEED = 'fx-conversion-v1';
const CASES = 2_000;
const CURRENCIES = ['usd', 'eur', 'gbp', 'chf', 'jpy', 'krw', 'vnd', 'idr', 'kwd', 'bhd', 'omr', 'jod', 'isk', 'clp'];

interface Case {
  fromAmount: number;
  from: string;
  to: string;
  mantissa: bigint;
  exponent: number;
  midRate: number;
  markupBps: number;
}

function generate(): Case[] {
  const rng = seedrandom(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)];
  const cases: Case[] = [];
  while (cases.length < CASES) {
    const from = pick(CURRENCIES);
    const to = pick(CURRENCIES);
    if (from === to) continue;
    // amounts log-uniform from 1 to 10^12 minor units, with the edges on purpose
    const fromAmount = pick([1, 1e12, Math.max(1, Math.floor(10 ** (rng() * 12)))]);
    const digits = 1 + Math.floor(rng() * 10);
    const mantissa = BigInt(1 + Math.floor(rng() * (10 ** digits - 1)));
    const exponent = -digits - Math.floor(rng() * 8) + Math.floor(rng() * 10);
    const markupBps = pick([0, 1, 50, 100, 100, 250, 9_999, Math.floor(rng() * 10_000)]);
    cases.push({ fromAmount, from, to, mantissa, exponent, midRate: Number(`${mantissa}e${exponent}`), markupBps });
  }
  return cases;
}

/** The exact value in `to`'s minor units as num/den, from the case's own decimal rate. */
function exact(c: Case): { num: bigint; den: bigint } {
  const shift = minorUnitsOf(c.to) - minorUnitsOf(c.from) + c.exponent;
  const num = BigInt(c.fromAmount) * c.mantissa * (shift > 0 ? 10n ** BigInt(shift) : 1n);
  const den = shift < 0 ? 10n ** BigInt(-shift) : 1n;
  return { num, den };
}

describe(`convertForPayout over ${CASES} seeded random conversions (seed ${SEED})`, () => {
  const cases = generate();

  it('covers every digit combination it claims to: 0-, 2- and 3-decimal sources and targets, amounts 1 and 10^12, 0 bps', () => {
    const pairs = new Set(cases.map((c) => `${minorUnitsOf(c.from)}>${minorUnitsOf(c.to)}`));
    for (const pair of ['0>2', '2>0', '0>3', '3>0', '2>3', '3>2', '0>0', '2>2', '3>3']) expect(pairs).toContain(pair);
    expect(cases.some((c) => c.fromAmount === 1)).toBe(true);
    expect(cases.some((c) => c.fromAmount === 1e12)).toBe(true);
    expect(cases.some((c) => c.markupBps === 0)).toBe(true);
  });

  it('gross − payout − markup − residue is 0; payout is the exact value rounded down; gross and markup are within half a unit; residue is −1, 0 or 1', () => {
    let converted = 0;
    for (const c of cases) {
      const { num, den } = exact(c);
      const label = JSON.stringify({ ...c, mantissa: String(c.mantissa) });
      if (num / den > BigInt(Number.MAX_SAFE_INTEGER) - 1n) {
        expect(() => convertForPayout(c)).toThrow(InvalidFxConversionError);
        continue;
      }
      const r = convertForPayout(c);
      converted += 1;
      const keep = BigInt(10_000 - c.markupBps);
      const bps = BigInt(c.markupBps);
      const [gross, payout, markup, residue] = [r.gross, r.payout, r.markup, r.residue].map(BigInt);
      const failures: string[] = [];
      if (gross - payout - markup - residue !== 0n) failures.push('does not balance');
      // payout ≤ exact × keep/10 000 < payout + 1
      if (payout * den * 10_000n > num * keep) failures.push('payout above the exact value');
      if ((payout + 1n) * den * 10_000n <= num * keep) failures.push('payout more than a unit below');
      // |gross − exact| ≤ ½ and |markup − exact × bps/10 000| ≤ ½
      if (abs(gross * den * 2n - num * 2n) > den) failures.push('gross not rounded to nearest');
      if (abs(markup * den * 20_000n - num * bps * 2n) > den * 10_000n) failures.push('markup not rounded to nearest');
      if (residue < -1n || residue > 1n) failures.push(`residue ${residue}`);
      if (r.payout < 0 || r.markup < 0 || r.gross < 0) failures.push('negative amount');
      if (failures.length > 0) throw new Error(`${failures.join(', ')} for ${label}: ${JSON.stringify(r)}`);
    }
    expect(converted).toBeGreaterThan(CASES * 0.9);
  });
});

const abs = (value: bigint): bigint => (value < 0n ? -value : value);
