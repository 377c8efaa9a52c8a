// Reference rates: the USD value of one major unit of every currency the API accepts. For risk and
// compliance thresholds only (fraud features, AML totals, and later settlement estimates); no money
// ever moves at these rates. Approximate mid-market values, refreshed by hand and versioned: the
// version is recorded with every alert that used them. A currency without a rate here is not
// accepted by the API (`shared/currency.ts`), so no amount ever escapes monitoring for want of a rate.
export const REFERENCE_RATES_VERSION = 'ref-rates@2026-11';

export const USD_PER_MAJOR_UNIT: Readonly<Record<string, number>> = {
  usd: 1, eur: 1.08, gbp: 1.27, chf: 1.12, cad: 0.73, aud: 0.66, nzd: 0.61, jpy: 0.0066, cny: 0.14, hkd: 0.128,
  sgd: 0.74, inr: 0.012, krw: 0.00073, sek: 0.095, nok: 0.093, dkk: 0.145, pln: 0.25, czk: 0.043, huf: 0.0027,
  ron: 0.22, bgn: 0.55, try: 0.03, ils: 0.27, aed: 0.272, sar: 0.267, qar: 0.275, zar: 0.054, mxn: 0.058, brl: 0.18,
  ars: 0.0011, clp: 0.0011, cop: 0.00025, pen: 0.27, thb: 0.028, myr: 0.22, idr: 0.000063, php: 0.018, vnd: 0.00004,
  twd: 0.031, ngn: 0.00065, kes: 0.0077, egp: 0.02, mad: 0.1, bhd: 2.65, kwd: 3.25, jod: 1.41, omr: 2.6, isk: 0.0073,
};
