import { EMPTY_AMOUNT_STATS, type AmountStats, type FraudHistory, type PaymentUnderAssessment, type VelocityHistory, type VelocityKeyKind } from '../domain/fraud-signals';
import { DEFAULT_SHARDS, distinctOtherCards, eventMarkerDocId, KIND_WINDOWS, planKeyRead, type KeyRead } from '../domain/velocity-buckets';
import type { LoadedHistory } from '../application/fraud-history.store';
import { DaySums, merchantAmountsOf, recordedHistoryOf, velocityDayOf } from './fraud-history.document';
import { customerId, fraudCollections, knownBadId, MERCHANT_AMOUNT_SHARDS, merchantAmountId, merchantDaySlot, merchantPeriodOf, platformReportId, type FraudCollections } from './fraud-history.ids';

const DAY_MS = 86_400_000;
export const MERCHANT_STATS_DAYS = 30;

export interface DocRef {
  collection: string;
  id: string;
}

export interface HistoryIo {
  /** Documents in one round trip, in order; undefined where missing. */
  getAll(refs: DocRef[]): Promise<Array<Record<string, unknown> | undefined>>;
  cachedMerchantAmounts(merchantId: string): AmountStats | undefined;
  cacheMerchantAmounts(merchantId: string, stats: AmountStats): void;
}

/** The keys a payment actually has: no device id means no device reads, no IP no IP reads. */
export function presentKeys(payment: PaymentUnderAssessment): Partial<Record<'card' | 'email' | 'ip' | 'device', string>> {
  const keys = { card: payment.card.fingerprint, email: payment.customer.email, ip: payment.customer.ip, device: payment.customer.device_id };
  return Object.fromEntries(Object.entries(keys).filter(([, value]) => Boolean(value)));
}

/** Sums of count, dollars and squared dollars merge into Welford moments in cents. */
export function momentsFromSums(days: Iterable<DaySums | undefined>): AmountStats {
  let count = 0;
  let sum = 0;
  let sumSq = 0;
  for (const day of days) {
    count += day?.count ?? 0;
    sum += day?.sumUsd ?? 0;
    sumSq += day?.sumSqUsd ?? 0;
  }
  if (count === 0) return EMPTY_AMOUNT_STATS;
  const meanUsd = sum / count;
  return { count, mean: meanUsd * 100, m2: Math.max(0, sumSq - sum * meanUsd) * 10_000 };
}

function merchantAmountRefs(collections: FraudCollections, merchantId: string, today: number): DocRef[] {
  const periods = [...new Set([merchantPeriodOf(today - MERCHANT_STATS_DAYS + 1), merchantPeriodOf(today)])];
  return periods.flatMap((period) => Array.from({ length: MERCHANT_AMOUNT_SHARDS }, (_, s) => ({ collection: collections.merchantAmounts, id: merchantAmountId(merchantId, period, s) })));
}

function merchantMoments(docs: Array<Record<string, DaySums> | undefined>, today: number): AmountStats {
  const days: Array<DaySums | undefined> = [];
  for (let day = today - MERCHANT_STATS_DAYS + 1; day <= today; day++) for (const doc of docs) days.push(doc?.[merchantDaySlot(day)]);
  return momentsFromSums(days);
}

/**
 * Everything one payment is scored with, in ONE getAll: its attempt marker (a redelivered payment gets
 * the history it was first scored with), the day documents of the keys it has, the customer and known-bad
 * entries, and the merchant amount documents when they are not cached.
 */
export async function readHistory(payment: PaymentUnderAssessment, nowMs: number, io: HistoryIo): Promise<LoadedHistory> {
  const keys = presentKeys(payment);
  const collections = fraudCollections(payment.livemode);
  const reads = new Map<VelocityKeyKind, KeyRead>();
  for (const [kind, value] of Object.entries(keys) as Array<[keyof typeof keys, string]>) reads.set(kind, planKeyRead(kind, value, nowMs, DEFAULT_SHARDS[kind], KIND_WINDOWS[kind]));
  const today = Math.floor(nowMs / DAY_MS);
  const amountsKey = `${payment.livemode ? 'live' : 'test'}:${payment.merchantId}`;
  const cachedAmounts = io.cachedMerchantAmounts(amountsKey);
  const listed = (['card', 'email', 'ip'] as const).filter((kind) => keys[kind]);
  const badRefs = listed.map((kind) => ({ collection: collections.knownBad, id: knownBadId(payment.merchantId, kind, keys[kind]!) }));
  // Other merchants' reports are a live-only signal: test reports are never pooled.
  const platformRefs = payment.livemode ? listed.map((kind) => ({ collection: collections.platformReports, id: platformReportId(kind, keys[kind]!) })) : [];
  const marker: DocRef = { collection: collections.markers, id: eventMarkerDocId(payment.paymentId) };
  const counterRefs = [...reads.values()].flatMap((r) => r.ids.map((id) => ({ collection: collections.counters, id })));
  const customerRefs = keys.email ? [{ collection: collections.customers, id: customerId(keys.email) }] : [];
  const amountRefs = cachedAmounts ? [] : merchantAmountRefs(collections, payment.merchantId, today);
  const refs = [marker, ...counterRefs, ...customerRefs, ...badRefs, ...platformRefs, ...amountRefs];
  const docs = await io.getAll(refs);
  const byRef = new Map(refs.map((ref, i) => [`${ref.collection}/${ref.id}`, docs[i]]));
  const doc = (ref: DocRef) => byRef.get(`${ref.collection}/${ref.id}`);

  const recorded = recordedHistoryOf(marker.id, doc(marker)?.history);
  if (recorded) return { history: recorded, alreadyCounted: true };

  const merchantAmounts = cachedAmounts ?? merchantMoments(amountRefs.map((ref) => merchantAmountsOf(ref.id, doc(ref))), today);
  if (!cachedAmounts) io.cacheMerchantAmounts(amountsKey, merchantAmounts);
  const counters = new Map(counterRefs.map((ref) => [ref.id, velocityDayOf(ref.id, doc(ref))]));
  const velocity: VelocityHistory = {};
  for (const kind of ['card', 'email', 'ip'] as const) {
    const read = reads.get(kind);
    if (!read) continue;
    const windows = (velocity[kind] = {} as NonNullable<VelocityHistory[typeof kind]>);
    for (const window of KIND_WINDOWS[kind]) {
      const sum = read.sum(window, counters);
      windows[window] = { count: sum.count, amountUsdMinor: sum.amountUsdMinor };
    }
  }
  const distinct = (kind: 'ip' | 'device', window: '1h' | '24h') => {
    const read = reads.get(kind);
    return read ? distinctOtherCards(read.sum(window, counters), payment.card.fingerprint) : 0;
  };
  const isBad = (kind: 'card' | 'email' | 'ip') => (keys[kind] ? doc({ collection: collections.knownBad, id: knownBadId(payment.merchantId, kind, keys[kind]) }) !== undefined : false);
  const otherReporters = platformRefs.map((ref) => Object.keys((doc(ref)?.merchants as Record<string, unknown> | undefined) ?? {}).filter((m) => m !== payment.merchantId).length);
  const history: FraudHistory = {
    velocity,
    declinesCard24h: reads.get('card')?.sum('24h', counters).declines ?? 0,
    distinctCards: { ip1h: distinct('ip', '1h'), ip24h: distinct('ip', '24h'), device1h: distinct('device', '1h'), device24h: distinct('device', '24h') },
    merchantAmounts,
    knownBad: { card: isBad('card'), email: isBad('email'), ip: isBad('ip') },
    customerSeenBefore: customerRefs.length > 0 && doc(customerRefs[0]) !== undefined,
    reportedByOtherMerchants: Math.max(0, ...otherReporters),
  };
  return { history, alreadyCounted: false };
}
