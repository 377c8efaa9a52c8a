import { z } from 'zod';
import { parseStoredDocument, Proven, SameShape } from '../../platform/adapters/stored-document';
import { emptyHistory, FraudHistory } from '../domain/fraud-signals';
import type { DayDoc } from '../domain/velocity-buckets';
import { FRAUD_COLLECTIONS } from './fraud-history.ids';

const Totals = z.object({ count: z.number().int(), amountUsdMinor: z.number() });
const Windows = z.object({ '10m': Totals.optional(), '1h': Totals.optional(), '24h': Totals.optional() });

/** The history a payment was first scored with, kept on its attempt marker so a redelivery scores the same. */
export const FraudHistoryDocument = z.object({
  velocity: z.object({ card: Windows.optional(), email: Windows.optional(), customer: Windows.optional(), ip: Windows.optional(), device: Windows.optional() }),
  declinesCard24h: z.number().int(),
  distinctCards: z.object({ ip1h: z.number().int(), ip24h: z.number().int(), device1h: z.number().int(), device24h: z.number().int() }),
  merchantAmounts: z.object({ count: z.number().int(), mean: z.number(), m2: z.number() }),
  knownBad: z.object({ card: z.boolean(), email: z.boolean(), ip: z.boolean() }),
  customerSeenBefore: z.boolean(),
  reportedByOtherMerchants: z.number().int().nonnegative(),
}) satisfies z.ZodType<FraudHistory>;

export type FraudHistoryDocumentMatchesDomain = Proven<SameShape<z.output<typeof FraudHistoryDocument>, FraudHistory>>;

// Only the field that is read back: the marker's other fields are for people tracing a delivery.
const MarkerWithHistory = z.object({ history: FraudHistoryDocument });

/**
 * The history recorded on a payment's attempt marker, or null when there is none. Markers written
 * before a signal existed lack it: top-level gaps are filled with the empty history (as before the
 * schema), everything present is validated.
 */
export function recordedHistoryOf(markerId: string, history: unknown): FraudHistory | null {
  if (!history) return null;
  const filled = typeof history === 'object' ? { ...emptyHistory(), ...history } : history;
  return parseStoredDocument(MarkerWithHistory, FRAUD_COLLECTIONS.markers, markerId, { history: filled }).history;
}

const SlotCounterDocument = z.object({
  count: z.number().optional(),
  amountUsdMinor: z.number().optional(),
  declines: z.number().optional(),
  cards: z.record(z.string(), z.literal(true)).optional(),
});

/** A key's velocity day document: slot name → counters (written only by merge-set increments). */
export const VelocityDayDocument = z.record(z.string(), SlotCounterDocument) satisfies z.ZodType<DayDoc>;

export interface DaySums {
  count?: number;
  sumUsd?: number;
  sumSqUsd?: number;
}

/** A merchant amount document: day slot → sums of amounts and squared amounts, for the z-score. */
export const MerchantAmountDocument = z.record(z.string(), z.object({ count: z.number().optional(), sumUsd: z.number().optional(), sumSqUsd: z.number().optional() })) satisfies z.ZodType<
  Record<string, DaySums>
>;

/** A day document's slots; `expiresAt` is the TTL policy's field, not a slot. */
export function velocityDayOf(id: string, data: unknown): DayDoc | undefined {
  if (data === undefined) return undefined;
  const { expiresAt: _expiresAt, ...slots } = (data ?? {}) as Record<string, unknown>;
  return parseStoredDocument(VelocityDayDocument, FRAUD_COLLECTIONS.counters, id, slots);
}

export const merchantAmountsOf = (id: string, data: unknown): Record<string, DaySums> | undefined =>
  data === undefined ? undefined : parseStoredDocument(MerchantAmountDocument, FRAUD_COLLECTIONS.merchantAmounts, id, data);
