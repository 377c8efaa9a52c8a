import { keyHash } from '../domain/velocity-buckets';

/** Document ids of the fraud history; key values are hashed so no e-mail or IP appears in an id. */
export const FRAUD_COLLECTIONS = {
  counters: 'fraud_velocity',
  markers: 'fraud_velocity_markers',
  merchantAmounts: 'fraud_merchant_amounts',
  customers: 'fraud_customers',
  knownBad: 'fraud_known_bad',
} as const;

/** Merchant amount documents are sharded too: a busy merchant must not have one hot document. */
export const MERCHANT_AMOUNT_SHARDS = 4;
/**
 * Days per merchant amount document (epoch-aligned periods), each day a `d<day>` field. The 30-day
 * window then spans at most two periods: 2 × shards reads instead of 30 × shards.
 */
export const MERCHANT_PERIOD_DAYS = 32;

export const knownBadId = (kind: 'card' | 'email' | 'ip', value: string): string => `${kind}_${keyHash(kind, value)}`;
export const merchantPeriodOf = (day: number): number => Math.floor(day / MERCHANT_PERIOD_DAYS);
export const merchantAmountId = (merchantId: string, period: number, shard: number): string => `${merchantId}_p${period}_s${shard}`;
export const merchantDaySlot = (day: number): string => `d${day}`;
export const customerId = (email: string): string => keyHash('email', email);
