import { code as currencyByCode } from 'currency-codes';

/** Everything the scorer knows about one payment: the payment itself plus history already loaded. */

export type VelocityKeyKind = 'card' | 'email' | 'customer' | 'ip' | 'device';
export type VelocityWindow = '10m' | '1h' | '24h';
export const VELOCITY_WINDOWS: readonly VelocityWindow[] = ['10m', '1h', '24h'];

export interface CardSnapshot {
  fingerprint: string;
  country: string;
  brand: string;
  /** Test mode only, from the sandbox: an everyday shared test card, or a token asking for a block or a review. */
  testRisk?: 'generic' | 'risk_highest' | 'risk_elevated';
}

export interface CustomerSnapshot {
  id?: string;
  email?: string;
  country?: string;
  ip?: string;
  ip_country?: string;
  device_id?: string;
}

export interface PaymentUnderAssessment {
  paymentId: string;
  merchantId: string;
  /** Test and live keep apart every counter, list and marker the history reads. */
  livemode: boolean;
  /** Country the merchant is registered in; a card from elsewhere makes the payment cross-border. */
  merchantCountry: string;
  amountMinor: number;
  currency: string;
  card: CardSnapshot;
  customer: CustomerSnapshot;
}

/** Totals of earlier payments (this one excluded) for one key over one window; amounts in USD cents. */
export interface WindowTotals {
  count: number;
  amountUsdMinor: number;
}

export type VelocityHistory = Partial<Record<VelocityKeyKind, Partial<Record<VelocityWindow, WindowTotals>>>>;

/** Welford / Chan running moments of the merchant's USD-cent amounts; variance = m2 / (count - 1). */
export interface AmountStats {
  count: number;
  mean: number;
  m2: number;
}

export interface FraudHistory {
  velocity: VelocityHistory;
  declinesCard24h: number;
  /** Distinct card fingerprints seen before this payment, this card excluded. */
  distinctCards: { ip1h: number; ip24h: number; device1h: number; device24h: number };
  merchantAmounts: AmountStats;
  /** On this merchant's own block list, in this mode. */
  knownBad: { card: boolean; email: boolean; ip: boolean };
  customerSeenBefore: boolean;
  /** Live only: how many other merchants' live fraud reports name this card, e-mail or IP (the most of the three). */
  reportedByOtherMerchants: number;
}

export interface FraudSignals {
  payment: PaymentUnderAssessment;
  /** Integer US cents; only a risk measure, never used to move money. */
  amountUsdMinor: number;
  history: FraudHistory;
}

/** USD value of one major unit of each currency, e.g. { USD: 1, EUR: 1.08, JPY: 0.0066 }. */
export type FxTable = Readonly<Record<string, number>>;

export interface SignalsError {
  ok: false;
  code: 'fx_rate_missing' | 'currency_unknown' | 'amount_invalid';
  message: string;
}
export type SignalsResult = { ok: true; signals: FraudSignals } | SignalsError;

export function toUsdMinor(amountMinor: number, currency: string, fx: FxTable): number | SignalsError {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) {
    return { ok: false, code: 'amount_invalid', message: `amount must be a non-negative integer of minor units, got ${amountMinor}` };
  }
  const iso = currencyByCode(currency.toUpperCase());
  if (!iso) return { ok: false, code: 'currency_unknown', message: `unknown ISO 4217 currency ${currency}` };
  const rate = fx[iso.code];
  if (rate === undefined) return { ok: false, code: 'fx_rate_missing', message: `no FX rate for ${iso.code}` };
  return Math.round((amountMinor / 10 ** iso.digits) * rate * 100);
}

export function buildFraudSignals(payment: PaymentUnderAssessment, history: FraudHistory, fx: FxTable): SignalsResult {
  const usd = toUsdMinor(payment.amountMinor, payment.currency, fx);
  if (typeof usd !== 'number') return usd;
  return { ok: true, signals: { payment, amountUsdMinor: usd, history } };
}

export const EMPTY_AMOUNT_STATS: AmountStats = { count: 0, mean: 0, m2: 0 };

/** Welford update: numerically stable and needs only three stored numbers per merchant bucket. */
export function addToAmountStats(stats: AmountStats, amount: number): AmountStats {
  const count = stats.count + 1;
  const delta = amount - stats.mean;
  const mean = stats.mean + delta / count;
  return { count, mean, m2: stats.m2 + delta * (amount - mean) };
}

/** Chan's parallel merge, so a rolling window can be built from per-day buckets. */
export function mergeAmountStats(a: AmountStats, b: AmountStats): AmountStats {
  if (a.count === 0) return b;
  if (b.count === 0) return a;
  const count = a.count + b.count;
  const delta = b.mean - a.mean;
  return {
    count,
    mean: a.mean + (delta * b.count) / count,
    m2: a.m2 + b.m2 + (delta * delta * a.count * b.count) / count,
  };
}

export function emptyHistory(): FraudHistory {
  return {
    velocity: {},
    declinesCard24h: 0,
    distinctCards: { ip1h: 0, ip24h: 0, device1h: 0, device24h: 0 },
    merchantAmounts: EMPTY_AMOUNT_STATS,
    knownBad: { card: false, email: false, ip: false },
    customerSeenBefore: false,
    reportedByOtherMerchants: 0,
  };
}
