import type { FxTable } from '../domain/fraud-signals';

/**
 * USD value of one major unit, for risk only (features compare amounts in dollars); money never moves
 * at these rates. Approximate mid-market rates, refreshed by hand: a few percent of drift changes no
 * decision. A currency missing here sends the payment to review instead of guessing its size.
 */
export const REFERENCE_FX_RATES: FxTable = {
  USD: 1, EUR: 1.08, GBP: 1.27, CHF: 1.12, CAD: 0.73, AUD: 0.66, NZD: 0.61, JPY: 0.0066, CNY: 0.14, HKD: 0.128,
  SGD: 0.74, INR: 0.012, KRW: 0.00073, SEK: 0.095, NOK: 0.093, DKK: 0.145, PLN: 0.25, CZK: 0.043, HUF: 0.0027,
  RON: 0.22, BGN: 0.55, TRY: 0.03, ILS: 0.27, AED: 0.272, SAR: 0.267, ZAR: 0.054, MXN: 0.058, BRL: 0.18,
  ARS: 0.0011, CLP: 0.0011, COP: 0.00025, THB: 0.028, MYR: 0.22, IDR: 0.000063, PHP: 0.018, VND: 0.00004,
  TWD: 0.031, NGN: 0.00065, KES: 0.0077, EGP: 0.02, BHD: 2.65, KWD: 3.25, JOD: 1.41, OMR: 2.6,
};
