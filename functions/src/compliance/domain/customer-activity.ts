// A customer's activity, bucketed by UTC day: one document per customer per day, so no document
// is shared by many customers (no hot document) and a 24-hour window reads at most two buckets.

export const DAY_MS = 86_400_000;
/** Payments in this band (USD cents, inclusive) count towards structuring. */
export const NEAR_THRESHOLD_BAND = { min: 800_000, max: 999_999 } as const;

export interface CustomerDay {
  readonly customerKey: string;
  /** YYYY-MM-DD, UTC. */
  readonly day: string;
  readonly totalUsdCents: number;
  readonly paymentCount: number;
  /** Only payments in the near-threshold band are kept individually; the rest are counted. */
  readonly nearThreshold: ReadonlyArray<{ readonly paymentId: string; readonly amountUsdCents: number; readonly atMs: number }>;
}

export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const previousDayOf = (ms: number): string => dayOf(ms - DAY_MS);

export const emptyDay = (customerKey: string, day: string): CustomerDay => ({ customerKey, day, totalUsdCents: 0, paymentCount: 0, nearThreshold: [] });

export interface PaymentObservation {
  readonly paymentId: string;
  readonly amountUsdCents: number;
  readonly atMs: number;
}

export interface ObservedPayment {
  readonly day: CustomerDay;
  readonly dayTotalBeforeUsdCents: number;
  readonly nearThresholdCount24h: number;
}

/** Adds a payment to its day bucket; `yesterday` supplies the rest of the trailing 24 hours. */
export function observePayment(today: CustomerDay, yesterday: CustomerDay | null, payment: PaymentObservation): ObservedPayment {
  const inBand = payment.amountUsdCents >= NEAR_THRESHOLD_BAND.min && payment.amountUsdCents <= NEAR_THRESHOLD_BAND.max;
  const day: CustomerDay = {
    ...today,
    totalUsdCents: today.totalUsdCents + payment.amountUsdCents,
    paymentCount: today.paymentCount + 1,
    nearThreshold: inBand ? [...today.nearThreshold, payment] : today.nearThreshold,
  };
  const windowStart = payment.atMs - DAY_MS;
  const nearThresholdCount24h = [...(yesterday?.nearThreshold ?? []), ...day.nearThreshold].filter((p) => p.atMs > windowStart && p.atMs <= payment.atMs).length;
  return { day, dayTotalBeforeUsdCents: today.totalUsdCents, nearThresholdCount24h };
}
