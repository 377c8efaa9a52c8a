import { FieldValue, type DocumentReference, type Firestore, type WriteBatch } from 'firebase-admin/firestore';
import type { Clock } from '../../shared/clock';
import type { FraudHistoryStore, KnownBadEntries, LoadedHistory } from '../application/fraud-history.store';
import { type AmountStats, type FraudHistory, type PaymentUnderAssessment, type VelocityKeyKind } from '../domain/fraud-signals';
import { DEFAULT_SHARDS, eventMarkerDocId, planVelocityWrite, shardFor, type SlotIncrement, type VelocityEvent } from '../domain/velocity-buckets';
import { customerId, fraudCollections, knownBadId, platformReportId, MERCHANT_AMOUNT_SHARDS, merchantAmountId, merchantDaySlot, merchantPeriodOf } from './fraud-history.ids';
import { recordedHistoryOf } from './fraud-history.document';
import { presentKeys, readHistory } from './fraud-history.reads';

const DAY_MS = 86_400_000;
const ALREADY_EXISTS = 6;

export const velocityKeys = (p: PaymentUnderAssessment): Partial<Record<VelocityKeyKind, string>> => presentKeys(p);

/** One slot's increments as a merge-set payload; zero fields are left out so quiet slots stay small. */
/** Velocity windows reach back 24 h; a week covers redeliveries and investigations. */
export const FRAUD_HISTORY_RETENTION_MS = 7 * 86_400_000;

function slotFields(inc: SlotIncrement): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (inc.count) fields.count = FieldValue.increment(inc.count);
  if (inc.amountUsdMinor) fields.amountUsdMinor = FieldValue.increment(inc.amountUsdMinor);
  if (inc.declines) fields.declines = FieldValue.increment(inc.declines);
  if (inc.cardHash) fields.cards = { [inc.cardHash]: true };
  return fields;
}

/**
 * Velocity counters, merchant amount moments and block lists in Firestore. Every read is by document
 * id (one getAll per payment), every counter write is an increment into a slot of a key's day document
 * (one shard chosen by the payment id), and the marker created in the same batch makes a redelivered
 * payment count once.
 */
export class FirestoreFraudHistoryStore implements FraudHistoryStore {
  private readonly merchantStatsCache = new Map<string, { stats: AmountStats; expiresMs: number }>();

  constructor(
    private readonly db: Firestore,
    private readonly clock: Clock,
    private readonly merchantStatsTtlMs = 60_000,
  ) {}

  private marker(eventId: string, livemode: boolean): DocumentReference {
    return this.db.collection(fraudCollections(livemode).markers).doc(eventMarkerDocId(eventId));
  }

  async recordedHistory(paymentId: string, livemode: boolean): Promise<FraudHistory | null> {
    const snap = await this.marker(paymentId, livemode).get();
    return snap.exists ? recordedHistoryOf(snap.id, snap.get('history')) : null;
  }

  load(payment: PaymentUnderAssessment, nowMs: number): Promise<LoadedHistory> {
    return readHistory(payment, nowMs, {
      getAll: async (refs) => {
        const snaps = await this.db.getAll(...refs.map((ref) => this.db.collection(ref.collection).doc(ref.id)));
        return snaps.map((snap) => (snap.exists ? snap.data() : undefined));
      },
      cachedMerchantAmounts: (merchantId) => {
        const cached = this.merchantStatsCache.get(merchantId);
        return cached && cached.expiresMs > this.clock.nowMs() ? cached.stats : undefined;
      },
      cacheMerchantAmounts: (merchantId, stats) => this.merchantStatsCache.set(merchantId, { stats, expiresMs: this.clock.nowMs() + this.merchantStatsTtlMs }),
    });
  }

  async recordAttempt(payment: PaymentUnderAssessment, amountUsdMinor: number, atMs: number, history: FraudHistory): Promise<FraudHistory> {
    const event: VelocityEvent = { eventId: payment.paymentId, kind: 'attempt', occurredAtMs: atMs, amountUsdMinor, cardFingerprint: payment.card.fingerprint, keys: velocityKeys(payment) };
    const collections = fraudCollections(payment.livemode);
    const counted = await this.commitEvent(event, payment.livemode, { paymentId: payment.paymentId, atMs, history: JSON.parse(JSON.stringify(history)) }, (batch) => {
      const dollars = amountUsdMinor / 100;
      const day = Math.floor(atMs / DAY_MS);
      const shard = shardFor(payment.paymentId, MERCHANT_AMOUNT_SHARDS);
      const amounts = this.db.collection(collections.merchantAmounts).doc(merchantAmountId(payment.merchantId, merchantPeriodOf(day), shard));
      const sums = { count: FieldValue.increment(1), sumUsd: FieldValue.increment(dollars), sumSqUsd: FieldValue.increment(dollars * dollars) };
      batch.set(amounts, { [merchantDaySlot(day)]: sums }, { merge: true });
      if (payment.customer.email) batch.set(this.db.collection(collections.customers).doc(customerId(payment.customer.email)), { seen: true }, { merge: true });
    });
    // Lost a race with a concurrent delivery: score with the history that delivery stored.
    return counted ? history : ((await this.recordedHistory(payment.paymentId, payment.livemode)) ?? history);
  }

  recordDecline(paymentId: string, cardFingerprint: string, atMs: number, livemode: boolean): Promise<boolean> {
    const event: VelocityEvent = { eventId: `${paymentId}:decline`, kind: 'decline', occurredAtMs: atMs, amountUsdMinor: 0, cardFingerprint, keys: { card: cardFingerprint } };
    return this.commitEvent(event, livemode, { paymentId, atMs }, () => undefined);
  }

  async markKnownBad(entries: KnownBadEntries): Promise<void> {
    const batch = this.db.batch();
    const markedMs = this.clock.nowMs();
    const collections = fraudCollections(entries.livemode);
    const mark = (kind: 'card' | 'email' | 'ip', value: string | undefined) => {
      if (!value) return;
      batch.set(this.db.collection(collections.knownBad).doc(knownBadId(entries.merchantId, kind, value)), { kind, merchantId: entries.merchantId, markedMs });
      // A merged map of reporters: a second report by the same merchant adds nobody.
      if (entries.livemode) batch.set(this.db.collection(collections.platformReports).doc(platformReportId(kind, value)), { kind, merchants: { [entries.merchantId]: true } }, { merge: true });
    };
    mark('card', entries.cardFingerprint);
    mark('email', entries.email);
    mark('ip', entries.ip);
    await batch.commit();
  }

  /** Marker and increments in one batch. Returns false when the marker already existed: the whole batch was refused, nothing moved. */
  private async commitEvent(event: VelocityEvent, livemode: boolean, marker: object, extra: (batch: WriteBatch) => void): Promise<boolean> {
    const plan = planVelocityWrite(event, DEFAULT_SHARDS);
    const collections = fraudCollections(livemode);
    const batch = this.db.batch();
    // Markers and day counters outlive every window they serve (24 h) by days, then the TTL policy on
    // `expiresAt` deletes them: the same write carries the date, so retention costs no extra write.
    const expiresAt = new Date(event.occurredAtMs + FRAUD_HISTORY_RETENTION_MS);
    batch.create(this.db.collection(collections.markers).doc(plan.markerDocId), { ...marker, expiresAt });
    for (const inc of plan.increments) {
      const fields = Object.fromEntries(inc.slots.map((slot) => [slot.slot, slotFields(slot)]));
      batch.set(this.db.collection(collections.counters).doc(inc.docId), { ...fields, expiresAt }, { merge: true });
    }
    extra(batch);
    try {
      await batch.commit();
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === ALREADY_EXISTS) return false;
      throw error;
    }
  }
}
