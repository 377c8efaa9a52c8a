import { minorUnitsOf } from '../../shared/currency';

// Reference rates for monitoring thresholds only (no money moves at these rates). They are data
// with a version, recorded with each alert, and replaced by a rates feed when one exists.
export const USD_REFERENCE_RATES = {
  version: '2026-01',
  /** USD value of one major unit. */
  rates: {
    usd: 1, eur: 1.08, gbp: 1.27, chf: 1.13, cad: 0.73, aud: 0.66, nzd: 0.61, jpy: 0.0066, cny: 0.14, hkd: 0.128, sgd: 0.74,
    inr: 0.012, krw: 0.00073, mxn: 0.058, brl: 0.2, sek: 0.095, nok: 0.093, dkk: 0.145, pln: 0.25, czk: 0.043, huf: 0.0027,
    zar: 0.054, try: 0.031, aed: 0.272, sar: 0.267, ils: 0.27, thb: 0.028, bhd: 2.65, kwd: 3.25, jod: 1.41,
  } as Readonly<Record<string, number>>,
};

/** Integer US cents, or null when there is no reference rate for the currency. */
export function toUsdCents(amountMinor: number, currency: string, rates = USD_REFERENCE_RATES.rates): number | null {
  const rate = rates[currency.toLowerCase()];
  if (rate === undefined) return null;
  return Math.round((amountMinor / 10 ** minorUnitsOf(currency.toLowerCase())) * rate * 100);
}
