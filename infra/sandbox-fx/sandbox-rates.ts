import { createHash } from 'node:crypto';
import { isSupportedCurrency } from '../../functions/src/shared/currency';
import { REFERENCE_RATES } from '../../functions/src/shared/reference-fx-rates';

/** Largest daily move of one currency against USD, in basis points (±0.5 %). */
export const MAX_DAILY_DRIFT_BPS = 50;

/**
 * The sandbox's market: the project's reference rates (USD per major unit) moved by a small drift
 * that is fixed for a UTC day and a currency. So two quotes on one day agree, a test can compute the
 * rate it will be given, and a payout made on another day sees a slightly different rate, as in life.
 */
export function driftBps(currency: string, dayUtc: string): number {
  if (currency === 'usd') return 0;
  const digest = createHash('sha256').update(`${currency}:${dayUtc}`).digest();
  return (digest.readUInt32BE(0) % (2 * MAX_DAILY_DRIFT_BPS + 1)) - MAX_DAILY_DRIFT_BPS;
}

export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** USD per major unit of `currency` on that day, or undefined for a currency the sandbox does not trade. */
export function usdPerUnitOn(currency: string, dayUtc: string): number | undefined {
  if (!isSupportedCurrency(currency)) return undefined;
  const reference = REFERENCE_RATES.usdPerMajorUnit[currency];
  if (reference === undefined) return undefined;
  return reference * (1 + driftBps(currency, dayUtc) / 10_000);
}

/**
 * Mid rate: units of `to` per unit of `from`, major units, crossed through USD and given to 10
 * significant digits (what a provider quotes; the payout side reads it as that exact decimal).
 */
export function midRateOn(from: string, to: string, dayUtc: string): number | undefined {
  const fromUsd = usdPerUnitOn(from, dayUtc);
  const toUsd = usdPerUnitOn(to, dayUtc);
  if (fromUsd === undefined || toUsd === undefined) return undefined;
  return Number((fromUsd / toUsd).toPrecision(10));
}
