import { minorUnitsOf } from './currency';
import { REFERENCE_RATES_VERSION, USD_PER_MAJOR_UNIT } from './reference-rates.table';

/** The one reference-rates module: fraud, compliance and settlement convert through it. */
export const REFERENCE_RATES = { version: REFERENCE_RATES_VERSION, usdPerMajorUnit: USD_PER_MAJOR_UNIT } as const;

/** The same rates keyed by upper-case code, the shape the fraud features read. */
export const REFERENCE_FX_TABLE: Readonly<Record<string, number>> = Object.fromEntries(Object.entries(USD_PER_MAJOR_UNIT).map(([code, rate]) => [code.toUpperCase(), rate]));

function rateOf(code: string): number {
  const rate = USD_PER_MAJOR_UNIT[code];
  if (rate === undefined) throw new Error(`No reference rate for ${code}: the API must not have accepted it`);
  return rate;
}

/** Integer US cents of an amount in minor units. Every accepted currency has a rate, so this never guesses. */
export function toUsdCents(amountMinor: number, currency: string): number {
  const code = currency.toLowerCase();
  return Math.round((amountMinor / 10 ** minorUnitsOf(code)) * rateOf(code) * 100);
}

/** The other way: integer minor units of `currency` for an amount of US dollars (e.g. a fee priced in USD). */
export function fromUsd(usd: number, currency: string): number {
  const code = currency.toLowerCase();
  return Math.round((usd / rateOf(code)) * 10 ** minorUnitsOf(code));
}
