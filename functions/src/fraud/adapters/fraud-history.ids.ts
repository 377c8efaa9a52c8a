import { collectionForMode, COLLECTIONS } from '../../shared/firestore-collections';
import { keyHash } from '../domain/velocity-buckets';

/** Document ids of the fraud history; key values are hashed so no e-mail or IP appears in an id. */
export const FRAUD_COLLECTIONS = {
  counters: COLLECTIONS.fraudVelocity,
  markers: COLLECTIONS.fraudVelocityMarkers,
  merchantAmounts: COLLECTIONS.fraudMerchantAmounts,
  customers: COLLECTIONS.fraudCustomers,
  /** Per merchant: `<merchantId>_<kind>_<hash>`; a report acts on the reporting merchant's own list. */
  knownBad: COLLECTIONS.fraudKnownBad,
  /** Live only: `<kind>_<hash>` → `{merchants: {<merchantId>: true}}`, which merchants' live reports name the key. */
  platformReports: COLLECTIONS.fraudPlatformReports,
} as const;

export type FraudCollections = { readonly [K in keyof typeof FRAUD_COLLECTIONS]: string };

const TEST_MODE_COLLECTIONS: FraudCollections = Object.fromEntries(Object.entries(FRAUD_COLLECTIONS).map(([key, name]) => [key, collectionForMode(name, false)])) as FraudCollections;

/**
 * Test and live never share a counter, list or marker: test-mode history lives in its own
 * collections (`test_fraud_velocity`, …), so a test payment can neither raise nor clear a live risk.
 */
export const fraudCollections = (livemode: boolean): FraudCollections => (livemode ? FRAUD_COLLECTIONS : TEST_MODE_COLLECTIONS);

/** Merchant amount documents are sharded too: a busy merchant must not have one hot document. */
export const MERCHANT_AMOUNT_SHARDS = 4;
/**
 * Days per merchant amount document (epoch-aligned periods), each day a `d<day>` field. The 30-day
 * window then spans at most two periods: 2 × shards reads instead of 30 × shards.
 */
export const MERCHANT_PERIOD_DAYS = 32;

export const knownBadId = (merchantId: string, kind: 'card' | 'email' | 'ip', value: string): string => `${merchantId}_${kind}_${keyHash(kind, value)}`;
export const platformReportId = (kind: 'card' | 'email' | 'ip', value: string): string => `${kind}_${keyHash(kind, value)}`;
export const merchantPeriodOf = (day: number): number => Math.floor(day / MERCHANT_PERIOD_DAYS);
export const merchantAmountId = (merchantId: string, period: number, shard: number): string => `${merchantId}_p${period}_s${shard}`;
export const merchantDaySlot = (day: number): string => `d${day}`;
export const customerId = (email: string): string => keyHash('email', email);
