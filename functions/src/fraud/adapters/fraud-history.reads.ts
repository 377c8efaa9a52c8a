import { EMPTY_AMOUNT_STATS, VELOCITY_WINDOWS, type AmountStats, type FraudHistory, type PaymentUnderAssessment, type VelocityHistory, type VelocityKeyKind, type VelocityWindow } from '../domain/fraud-signals';
import { DEFAULT_SHARDS, distinctOtherCards, sumWindow, windowDocIds, type CounterDoc } from '../domain/velocity-buckets';

import { customerId, FRAUD_COLLECTIONS, knownBadId, MERCHANT_AMOUNT_SHARDS, merchantAmountId } from './fraud-history.ids';

const DAY_MS = 86_400_000;
export const MERCHANT_STATS_DAYS = 30;

export interface HistoryDocs {
  merchantAmounts: Array<{ count?: number; sumUsd?: number; sumSqUsd?: number } | undefined>;
}

export interface HistoryIo {
  /** Documents by id, in order; undefined where missing. */
  getAll(collection: string, ids: string[]): Promise<Array<Record<string, unknown> | undefined>>;
  cachedMerchantAmounts(merchantId: string): HistoryDocs['merchantAmounts'] | undefined;
  cacheMerchantAmounts(merchantId: string, docs: HistoryDocs['merchantAmounts']): void;
}

/** Which windows each key feeds: velocity features use card, e-mail and IP; distinct-card features IP and device. */
const WINDOWS: Record<'card' | 'email' | 'ip' | 'device', readonly VelocityWindow[]> = { card: VELOCITY_WINDOWS, email: VELOCITY_WINDOWS, ip: VELOCITY_WINDOWS, device: ['1h', '24h'] };

const toCounter = (data: Record<string, unknown> | undefined): CounterDoc | undefined =>
  data && {
    count: Number(data.count ?? 0),
    amountUsdMinor: Number(data.amountUsdMinor ?? 0),
    declines: Number(data.declines ?? 0),
    cards: (data.cards ?? {}) as Record<string, true>,
  };

/** Sums of count, dollars and squared dollars merge into Welford moments in cents. */
export function momentsFromSums(docs: HistoryDocs['merchantAmounts']): AmountStats {
  let count = 0;
  let sum = 0;
  let sumSq = 0;
  for (const doc of docs) {
    count += doc?.count ?? 0;
    sum += doc?.sumUsd ?? 0;
    sumSq += doc?.sumSqUsd ?? 0;
  }
  if (count === 0) return EMPTY_AMOUNT_STATS;
  const meanUsd = sum / count;
  return { count, mean: meanUsd * 100, m2: Math.max(0, sumSq - sum * meanUsd) * 10_000 };
}

export async function readHistory(payment: PaymentUnderAssessment, nowMs: number, io: HistoryIo): Promise<FraudHistory> {
  const keys: Partial<Record<VelocityKeyKind, string>> = { card: payment.card.fingerprint, email: payment.customer.email, ip: payment.customer.ip, device: payment.customer.device_id };
  const plan: Array<{ kind: keyof typeof WINDOWS; window: VelocityWindow; ids: string[] }> = [];
  for (const kind of Object.keys(WINDOWS) as Array<keyof typeof WINDOWS>) {
    const value = keys[kind];
    if (!value) continue;
    for (const window of WINDOWS[kind]) plan.push({ kind, window, ids: windowDocIds(kind, value, window, nowMs, DEFAULT_SHARDS[kind]) });
  }
  const counterIds = [...new Set(plan.flatMap((p) => p.ids))];
  const today = Math.floor(nowMs / DAY_MS);
  const cachedAmounts = io.cachedMerchantAmounts(payment.merchantId);
  const amountIds: string[] = [];
  if (!cachedAmounts) {
    for (let day = today - MERCHANT_STATS_DAYS + 1; day <= today; day++) for (let s = 0; s < MERCHANT_AMOUNT_SHARDS; s++) amountIds.push(merchantAmountId(payment.merchantId, day, s));
  }
  const badIds = [knownBadId('card', payment.card.fingerprint), ...(keys.email ? [knownBadId('email', keys.email)] : []), ...(keys.ip ? [knownBadId('ip', keys.ip)] : [])];
  const [counterDocs, amountDocs, customerDocs, badDocs] = await Promise.all([
    io.getAll(FRAUD_COLLECTIONS.counters, counterIds),
    io.getAll(FRAUD_COLLECTIONS.merchantAmounts, amountIds),
    io.getAll(FRAUD_COLLECTIONS.customers, keys.email ? [customerId(keys.email)] : []),
    io.getAll(FRAUD_COLLECTIONS.knownBad, badIds),
  ]);
  const byId = new Map(counterIds.map((id, i) => [id, toCounter(counterDocs[i])]));
  const merchantAmounts = cachedAmounts ?? (amountDocs as HistoryDocs['merchantAmounts']);
  if (!cachedAmounts) io.cacheMerchantAmounts(payment.merchantId, merchantAmounts);
  const sums = new Map(plan.map((p) => [`${p.kind}:${p.window}`, sumWindow(p.ids.map((id) => byId.get(id)))]));
  const velocity: VelocityHistory = {};
  for (const kind of ['card', 'email', 'ip'] as const) {
    if (!keys[kind]) continue;
    velocity[kind] = {};
    for (const window of VELOCITY_WINDOWS) {
      const sum = sums.get(`${kind}:${window}`)!;
      velocity[kind][window] = { count: sum.count, amountUsdMinor: sum.amountUsdMinor };
    }
  }
  const distinct = (kind: 'ip' | 'device', window: '1h' | '24h') => {
    const sum = sums.get(`${kind}:${window}`);
    return sum ? distinctOtherCards(sum, payment.card.fingerprint) : 0;
  };
  const bad = new Map(badIds.map((id, i) => [id, badDocs[i] !== undefined]));
  return {
    velocity,
    declinesCard24h: sums.get('card:24h')?.declines ?? 0,
    distinctCards: { ip1h: distinct('ip', '1h'), ip24h: distinct('ip', '24h'), device1h: distinct('device', '1h'), device24h: distinct('device', '24h') },
    merchantAmounts: momentsFromSums(merchantAmounts),
    knownBad: {
      card: bad.get(knownBadId('card', payment.card.fingerprint)) ?? false,
      email: keys.email ? (bad.get(knownBadId('email', keys.email)) ?? false) : false,
      ip: keys.ip ? (bad.get(knownBadId('ip', keys.ip)) ?? false) : false,
    },
    customerSeenBefore: customerDocs[0] !== undefined,
  };
}
