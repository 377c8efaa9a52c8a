import { isSupportedCurrency, minorUnitsOf } from '../../shared/currency';

/**
 * Converting a payout's source currency into the settlement currency, in exact integer arithmetic.
 *
 * Rates arrive as JavaScript numbers (at most ~10 significant digits from the FX provider). Each is
 * read through its shortest decimal string ("0.0066", "1.2345e-7") into an exact fraction
 * digits / 10^scale, so no binary float ever touches an amount: every amount below is a BigInt
 * quotient of integers, rounded once.
 *
 *   exact  = fromAmount × midRate expressed in `to`'s minor units
 *   gross  = exact rounded half-even                        (what the amount is worth at mid)
 *   payout = exact × (1 − markupBps/10 000) rounded DOWN    (the merchant never gets a unit too many)
 *   markup = exact × markupBps/10 000 rounded half-even     (our revenue)
 *   residue = gross − payout − markup                       (the rounding left over, −1, 0 or +1)
 *
 * The ledger books all four, so gross = payout + markup + residue always holds and no unit is lost.
 */
export interface FxConversionInput {
  readonly fromAmount: number;
  readonly from: string;
  readonly to: string;
  /** Units of `to` per unit of `from`, major units. */
  readonly midRate: number;
  readonly markupBps: number;
}

export interface FxConversion {
  readonly gross: number;
  readonly payout: number;
  readonly markup: number;
  /** Signed: gross − payout − markup. */
  readonly residue: number;
  /** Effective rate after markup, units of `to` per unit of `from`: midRate × (1 − markupBps/10 000). */
  readonly rate: number;
}

/** A conversion asked with input no caller should produce (programming error, not a merchant's mistake). */
export class InvalidFxConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFxConversionError';
  }
}

const BPS = 10_000n;

export function convertForPayout(input: FxConversionInput): FxConversion {
  const { fromAmount, from, to, midRate, markupBps } = input;
  if (!Number.isSafeInteger(fromAmount) || fromAmount < 0) {
    throw new InvalidFxConversionError(`fromAmount must be a non-negative integer of minor units, got ${fromAmount}`);
  }
  if (!isSupportedCurrency(from)) throw new InvalidFxConversionError(`Unknown currency ${JSON.stringify(from)}`);
  if (!isSupportedCurrency(to)) throw new InvalidFxConversionError(`Unknown currency ${JSON.stringify(to)}`);
  if (from === to) throw new InvalidFxConversionError(`Nothing to convert: from and to are both ${from}`);
  if (typeof midRate !== 'number' || !Number.isFinite(midRate) || midRate <= 0) {
    throw new InvalidFxConversionError(`midRate must be a positive finite number, got ${midRate}`);
  }
  if (!Number.isInteger(markupBps) || markupBps < 0 || markupBps >= 10_000) {
    throw new InvalidFxConversionError(`markupBps must be an integer in [0, 10000), got ${markupBps}`);
  }

  const rate = decimalOf(midRate);
  const fromDigits = minorUnitsOf(from);
  const toDigits = minorUnitsOf(to);
  // exact = fromAmount / 10^fromDigits × rate.digits / 10^rate.scale × 10^toDigits  =  num / den
  const num = BigInt(fromAmount) * rate.digits * 10n ** BigInt(toDigits);
  const den = 10n ** BigInt(fromDigits + rate.scale);

  const gross = roundHalfEven(num, den);
  const payout = (num * (BPS - BigInt(markupBps))) / (den * BPS); // non-negative: BigInt division truncates = floor
  const markup = roundHalfEven(num * BigInt(markupBps), den * BPS);
  const residue = gross - payout - markup;

  return {
    gross: safeNumber(gross, 'gross'),
    payout: safeNumber(payout, 'payout'),
    markup: safeNumber(markup, 'markup'),
    residue: safeNumber(residue, 'residue'),
    rate: Number(formatDecimal(rate.digits * (BPS - BigInt(markupBps)), rate.scale + 4)),
  };
}

/** A positive finite number as the exact decimal its shortest string spells: digits / 10^scale. */
export function decimalOf(value: number): { digits: bigint; scale: number } {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(value));
  if (!match) throw new InvalidFxConversionError(`Not a positive decimal rate: ${value}`);
  const [, whole, fraction = '', exponent = '0'] = match;
  let scale = fraction.length - Number(exponent);
  let digits = BigInt(whole + fraction);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits, scale };
}

/** num / den (both non-negative, den > 0) rounded to the nearest integer, ties to even. */
function roundHalfEven(num: bigint, den: bigint): bigint {
  const quotient = num / den;
  const twiceRemainder = (num % den) * 2n;
  if (twiceRemainder > den) return quotient + 1n;
  if (twiceRemainder < den) return quotient;
  return quotient % 2n === 0n ? quotient : quotient + 1n;
}

function formatDecimal(digits: bigint, scale: number): string {
  if (scale === 0) return digits.toString();
  const padded = digits.toString().padStart(scale + 1, '0');
  return `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
}

function safeNumber(value: bigint, name: string): number {
  const result = Number(value);
  if (!Number.isSafeInteger(result)) throw new InvalidFxConversionError(`${name} ${value} is beyond a safe integer of minor units`);
  return result;
}
