import { createHash } from 'node:crypto';
import { keyedHash } from '../../shared/keyed-hash';
import { VELOCITY_WINDOWS, type VelocityKeyKind, type VelocityWindow } from './fraud-signals';

/**
 * Key design for velocity counters (pure; the Firestore adapter only executes what is planned here).
 *
 * - Every window is summed from fixed, epoch-aligned slots: 10m from 1-minute slots, 1h from 10-minute
 *   slots, 24h from 1-hour slots. A window of W read at time t covers the W/g slots ending with the one
 *   holding t, so the effective window lies between W-g and W (it never looks further back than W).
 * - The slots live as fields of ONE document per key, UTC day and shard (`m<minute>`, `t<ten-minute>`,
 *   `h<hour>` of the day), so every window of a key is read from at most two documents per shard (today
 *   and, when a window reaches back past midnight, yesterday) and written with one document per key.
 *   Reads are per document, so packing slots into fields cuts reads ~20x without widening any window.
 *   A day document holds at most 1440 + 144 + 24 small slots, far below Firestore's 1 MiB.
 * - Each event increments exactly one shard, chosen from a hash of its event id, so a burst on one key
 *   (card testing from one IP) spreads over N documents instead of one hot document. Readers sum all
 *   shards. Retrying the same event always targets the same shard.
 * - A key kind only writes the slots its windows read (device keys feed 1h and 24h only), and a decline
 *   only the hour slot (only the 24h decline count is read).
 * - Idempotency is keyed by event id: the adapter commits, in one atomic batch, `create(markerDocId)` plus
 *   every increment. `create` fails when the marker exists, so a redelivered event aborts the whole batch
 *   and no counter moves twice. `applyIncrement` below is the reference semantics of one increment.
 * - Key values are hashed, so document ids carry no e-mail addresses or IPs.
 */

export type BucketGranularity = '1m' | '10m' | '1h';

const DAY_MS = 86_400_000;
const GRANULARITY_MS: Record<BucketGranularity, number> = { '1m': 60_000, '10m': 600_000, '1h': 3_600_000 };
const SLOT_PREFIX: Record<BucketGranularity, string> = { '1m': 'm', '10m': 't', '1h': 'h' };

export const WINDOW_SPEC: Record<VelocityWindow, { windowMs: number; granularity: BucketGranularity }> = {
  '10m': { windowMs: 600_000, granularity: '1m' },
  '1h': { windowMs: 3_600_000, granularity: '10m' },
  '24h': { windowMs: 86_400_000, granularity: '1h' },
};

/** The windows each key kind feeds: velocity features use every window; distinct-card features on devices 1h and 24h. */
export const KIND_WINDOWS: Readonly<Record<VelocityKeyKind, readonly VelocityWindow[]>> = {
  card: VELOCITY_WINDOWS,
  email: VELOCITY_WINDOWS,
  customer: VELOCITY_WINDOWS,
  ip: VELOCITY_WINDOWS,
  device: ['1h', '24h'],
};

/** Bursty kinds get more shards; every shard costs one or two reads per payment, so quiet kinds keep one. */
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

/** One slot of a day document; absent fields count as zero. */
export interface SlotCounter {
  count?: number;
  amountUsdMinor?: number;
  declines?: number;
  /** Hashes of card fingerprints seen (ip and device keys only), as a map so writes merge without reads. */
  cards?: Readonly<Record<string, true>>;
}

/** A key's day document for one shard: slot name → counters. */
export type DayDoc = Readonly<Record<string, SlotCounter>>;

export interface SlotIncrement {
  slot: string;
  count: number;
  amountUsdMinor: number;
  declines: number;
  cardHash?: string;
}

export interface DocIncrement {
  docId: string;
  slots: SlotIncrement[];
}

export interface VelocityWritePlan {
  markerDocId: string;
  increments: DocIncrement[];
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
  return keyedHash(kind, normalised).slice(0, 24); // e-mails and IPs: keyed, not reversible by guessing
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

/** The day (days since the epoch) and slot name of the bucket starting at `startMs`. */
export function slotOf(startMs: number, granularity: BucketGranularity): { day: number; slot: string } {
  const day = Math.floor(startMs / DAY_MS);
  return { day, slot: `${SLOT_PREFIX[granularity]}${Math.floor((startMs - day * DAY_MS) / GRANULARITY_MS[granularity])}` };
}

export function velocityDocId(kind: VelocityKeyKind, hash: string, day: number, shard: number): string {
  return `${kind}_${hash}_d${day}_s${shard}`;
}

export function eventMarkerDocId(eventId: string): string {
  return `evt_${sha256Hex(eventId).slice(0, 32)}`;
}

export function planVelocityWrite(event: VelocityEvent, shards: Readonly<Record<VelocityKeyKind, number>> = DEFAULT_SHARDS): VelocityWritePlan {
  const increments: DocIncrement[] = [];
  const isAttempt = event.kind === 'attempt';
  for (const [kind, value] of Object.entries(event.keys) as Array<[VelocityKeyKind, string | undefined]>) {
    if (!value) continue;
    const granularities = isAttempt ? KIND_WINDOWS[kind].map((w) => WINDOW_SPEC[w].granularity) : (['1h'] as const);
    const day = Math.floor(event.occurredAtMs / DAY_MS);
    const slots = granularities.map((granularity) => ({
      slot: slotOf(bucketStart(event.occurredAtMs, granularity), granularity).slot,
      count: isAttempt ? 1 : 0,
      amountUsdMinor: isAttempt ? event.amountUsdMinor : 0,
      declines: isAttempt ? 0 : 1,
      cardHash: isAttempt && CARD_TRACKING_KINDS.has(kind) && granularity !== '1m' ? cardHash(event.cardFingerprint) : undefined,
    }));
    increments.push({ docId: velocityDocId(kind, keyHash(kind, value), day, shardFor(event.eventId, shards[kind])), slots });
  }
  return { markerDocId: eventMarkerDocId(event.eventId), increments };
}

export function applyIncrement(existing: DayDoc | undefined, inc: DocIncrement): DayDoc {
  const doc: Record<string, SlotCounter> = { ...existing };
  for (const s of inc.slots) {
    const base = doc[s.slot] ?? {};
    doc[s.slot] = {
      count: (base.count ?? 0) + s.count,
      amountUsdMinor: (base.amountUsdMinor ?? 0) + s.amountUsdMinor,
      declines: (base.declines ?? 0) + s.declines,
      cards: s.cardHash ? { ...base.cards, [s.cardHash]: true } : base.cards,
    };
  }
  return doc;
}

/** The slots (by day) that make up `window` at `nowMs`, oldest first. */
export function windowSlots(window: VelocityWindow, nowMs: number): Array<{ day: number; slot: string }> {
  const { windowMs, granularity } = WINDOW_SPEC[window];
  const size = GRANULARITY_MS[granularity];
  const last = bucketStart(nowMs, granularity);
  const slots: Array<{ day: number; slot: string }> = [];
  for (let start = last - windowMs + size; start <= last; start += size) slots.push(slotOf(start, granularity));
  return slots;
}

export interface KeyRead {
  /** Every document to fetch (missing ones count as zero). */
  ids: string[];
  sum(window: VelocityWindow, docs: ReadonlyMap<string, DayDoc | undefined>): WindowSum;
}

/** The day documents one key needs for `windows` at `nowMs`: only the days those windows reach, every shard. */
export function planKeyRead(kind: VelocityKeyKind, value: string, nowMs: number, shards: number, windows: readonly VelocityWindow[] = KIND_WINDOWS[kind]): KeyRead {
  const hash = keyHash(kind, value);
  const shardList = Array.from({ length: Math.max(1, shards) }, (_, s) => s);
  const days = [...new Set(windows.flatMap((w) => windowSlots(w, nowMs).map((s) => s.day)))].sort((a, b) => a - b);
  return {
    ids: days.flatMap((day) => shardList.map((s) => velocityDocId(kind, hash, day, s))),
    sum(window, docs) {
      const found: SlotCounter[] = [];
      for (const { day, slot } of windowSlots(window, nowMs)) {
        for (const s of shardList) {
          const counter = docs.get(velocityDocId(kind, hash, day, s))?.[slot];
          if (counter) found.push(counter);
        }
      }
      return sumWindow(found);
    },
  };
}

export function sumWindow(slots: Iterable<SlotCounter | undefined>): WindowSum {
  let count = 0;
  let amountUsdMinor = 0;
  let declines = 0;
  const cardHashes = new Set<string>();
  for (const slot of slots) {
    if (!slot) continue;
    count += slot.count ?? 0;
    amountUsdMinor += slot.amountUsdMinor ?? 0;
    declines += slot.declines ?? 0;
    for (const hash of Object.keys(slot.cards ?? {})) cardHashes.add(hash);
  }
  return { count, amountUsdMinor, declines, cardHashes };
}

/** Distinct cards other than the one paying now, so a single honest card never counts against itself. */
export function distinctOtherCards(sum: WindowSum, currentFingerprint: string): number {
  return sum.cardHashes.size - (sum.cardHashes.has(cardHash(currentFingerprint)) ? 1 : 0);
}
