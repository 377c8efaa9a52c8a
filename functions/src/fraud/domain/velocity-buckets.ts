import { createHash } from 'node:crypto';
import type { VelocityKeyKind, VelocityWindow } from './fraud-signals';

/**
 * Key design for velocity counters (pure; the Firestore adapter only executes what is planned here).
 *
 * - Every window is summed from fixed, epoch-aligned buckets: 10m from 1-minute buckets, 1h from 10-minute
 *   buckets, 24h from 1-hour buckets. A window of W read at time t covers the W/g buckets ending with the
 *   one holding t, so the effective window lies between W-g and W (it never looks further back than W).
 * - Each event increments exactly one shard per bucket, chosen from a hash of its event id, so a burst on
 *   one key (card testing from one IP) spreads over N documents instead of one hot document. Readers sum
 *   all shards. Retrying the same event always targets the same shard.
 * - Idempotency is keyed by event id: the adapter commits, in one atomic batch, `create(markerDocId)` plus
 *   every increment. `create` fails when the marker exists, so a redelivered event aborts the whole batch
 *   and no counter moves twice. `applyIncrement` below is the reference semantics of one increment.
 * - Key values are hashed, so document ids carry no e-mail addresses or IPs.
 */

export type BucketGranularity = '1m' | '10m' | '1h';

const GRANULARITY_MS: Record<BucketGranularity, number> = { '1m': 60_000, '10m': 600_000, '1h': 3_600_000 };

export const WINDOW_SPEC: Record<VelocityWindow, { windowMs: number; granularity: BucketGranularity }> = {
  '10m': { windowMs: 600_000, granularity: '1m' },
  '1h': { windowMs: 3_600_000, granularity: '10m' },
  '24h': { windowMs: 86_400_000, granularity: '1h' },
};

/** Bursty kinds get more shards; more shards cost more reads, so quiet kinds keep one. */
export const DEFAULT_SHARDS: Readonly<Record<VelocityKeyKind, number>> = { card: 2, email: 1, customer: 1, ip: 4, device: 2 };

export interface VelocityEvent {
  /** The payment id for an attempt; `${paymentId}:decline` for its decline, so both count once. */
  eventId: string;
  kind: 'attempt' | 'decline';
  occurredAtMs: number;
  amountUsdMinor: number;
  cardFingerprint: string;
  keys: Partial<Record<VelocityKeyKind, string>>;
}

export interface CounterDoc {
  count: number;
  amountUsdMinor: number;
  declines: number;
  /** Hashes of card fingerprints seen (ip and device keys only), as a map so writes merge without reads. */
  cards: Readonly<Record<string, true>>;
}

export interface CounterIncrement {
  docId: string;
  count: number;
  amountUsdMinor: number;
  declines: number;
  cardHash?: string;
}

export interface VelocityWritePlan {
  markerDocId: string;
  increments: CounterIncrement[];
}

export interface WindowSum {
  count: number;
  amountUsdMinor: number;
  declines: number;
  cardHashes: ReadonlySet<string>;
}

const CARD_TRACKING_KINDS: ReadonlySet<VelocityKeyKind> = new Set(['ip', 'device']);

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** E-mails compare case-insensitively; every other key is taken as given apart from surrounding spaces. */
export function keyHash(kind: VelocityKeyKind, value: string): string {
  const normalised = kind === 'email' ? value.trim().toLowerCase() : value.trim();
  return sha256Hex(`${kind}:${normalised}`).slice(0, 24);
}

export function cardHash(fingerprint: string): string {
  return sha256Hex(`cardset:${fingerprint}`).slice(0, 16);
}

export function shardFor(eventId: string, shards: number): number {
  return Number.parseInt(sha256Hex(eventId).slice(0, 8), 16) % Math.max(1, shards);
}

export function bucketStart(atMs: number, granularity: BucketGranularity): number {
  const size = GRANULARITY_MS[granularity];
  return Math.floor(atMs / size) * size;
}

export function counterDocId(kind: VelocityKeyKind, hash: string, granularity: BucketGranularity, startMs: number, shard: number): string {
  return `${kind}_${hash}_${granularity}_${startMs / 60_000}_s${shard}`;
}

export function eventMarkerDocId(eventId: string): string {
  return `evt_${sha256Hex(eventId).slice(0, 32)}`;
}

export function planVelocityWrite(event: VelocityEvent, shards: Readonly<Record<VelocityKeyKind, number>> = DEFAULT_SHARDS): VelocityWritePlan {
  const increments: CounterIncrement[] = [];
  const isAttempt = event.kind === 'attempt';
  for (const [kind, value] of Object.entries(event.keys) as Array<[VelocityKeyKind, string | undefined]>) {
    if (!value) continue;
    const hash = keyHash(kind, value);
    const shard = shardFor(event.eventId, shards[kind]);
    for (const granularity of Object.keys(GRANULARITY_MS) as BucketGranularity[]) {
      increments.push({
        docId: counterDocId(kind, hash, granularity, bucketStart(event.occurredAtMs, granularity), shard),
        count: isAttempt ? 1 : 0,
        amountUsdMinor: isAttempt ? event.amountUsdMinor : 0,
        declines: isAttempt ? 0 : 1,
        cardHash: isAttempt && CARD_TRACKING_KINDS.has(kind) ? cardHash(event.cardFingerprint) : undefined,
      });
    }
  }
  return { markerDocId: eventMarkerDocId(event.eventId), increments };
}

export function applyIncrement(existing: CounterDoc | undefined, inc: CounterIncrement): CounterDoc {
  const base = existing ?? { count: 0, amountUsdMinor: 0, declines: 0, cards: {} };
  return {
    count: base.count + inc.count,
    amountUsdMinor: base.amountUsdMinor + inc.amountUsdMinor,
    declines: base.declines + inc.declines,
    cards: inc.cardHash ? { ...base.cards, [inc.cardHash]: true } : base.cards,
  };
}

/** Every document id a reader must fetch (missing ones count as zero) to sum `window` at `nowMs`. */
export function windowDocIds(kind: VelocityKeyKind, value: string, window: VelocityWindow, nowMs: number, shards: number): string[] {
  const { windowMs, granularity } = WINDOW_SPEC[window];
  const size = GRANULARITY_MS[granularity];
  const hash = keyHash(kind, value);
  const last = bucketStart(nowMs, granularity);
  const ids: string[] = [];
  for (let start = last - windowMs + size; start <= last; start += size) {
    for (let shard = 0; shard < Math.max(1, shards); shard += 1) ids.push(counterDocId(kind, hash, granularity, start, shard));
  }
  return ids;
}

export function sumWindow(docs: Iterable<CounterDoc | undefined>): WindowSum {
  let count = 0;
  let amountUsdMinor = 0;
  let declines = 0;
  const cardHashes = new Set<string>();
  for (const doc of docs) {
    if (!doc) continue;
    count += doc.count;
    amountUsdMinor += doc.amountUsdMinor;
    declines += doc.declines;
    for (const hash of Object.keys(doc.cards)) cardHashes.add(hash);
  }
  return { count, amountUsdMinor, declines, cardHashes };
}

/** Distinct cards other than the one paying now, so a single honest card never counts against itself. */
export function distinctOtherCards(sum: WindowSum, currentFingerprint: string): number {
  return sum.cardHashes.size - (sum.cardHashes.has(cardHash(currentFingerprint)) ? 1 : 0);
}
