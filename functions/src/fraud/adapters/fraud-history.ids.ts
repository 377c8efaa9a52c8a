import { keyHash } from '../domain/velocity-buckets';

/** Document ids of the fraud history; key values are hashed so no e-mail or IP appears in an id. */
export const FRAUD_COLLECTIONS = {
  counters: 'fraud_velocity',
  markers: 'fraud_velocity_markers',
  merchantAmounts: 'fraud_merchant_amounts',
  customers: 'fraud_customers',
  knownBad: 'fraud_known_bad',
} as const;

/** Daily merchant buckets are sharded too: a busy merchant must not have one hot document per day. */
export const MERCHANT_AMOUNT_SHARDS = 4;

export const knownBadId = (kind: 'card' | 'email' | 'ip', value: string): string => `${kind}_${keyHash(kind, value)}`;
export const merchantAmountId = (merchantId: string, day: number, shard: number): string => `${merchantId}_${day}_s${shard}`;
export const customerId = (email: string): string => keyHash('email', email);
