import {
  EMPTY_AMOUNT_STATS,
  VELOCITY_WINDOWS,
  addToAmountStats,
  mergeAmountStats,
  type AmountStats,
  type FraudHistory,
  type PaymentUnderAssessment,
  type VelocityHistory,
  type VelocityKeyKind,
} from '../domain/fraud-signals';
import {
  DEFAULT_SHARDS,
  applyIncrement,
  distinctOtherCards,
  planKeyRead,
  planVelocityWrite,
  type DayDoc,
  type VelocityEvent,
} from '../domain/velocity-buckets';

const DAY_MS = 86_400_000;
/** The rolling window for the merchant's amount z-score, built from daily buckets as the adapter would. */
export const MERCHANT_STATS_DAYS = 30;

function velocityKeys(payment: PaymentUnderAssessment): Partial<Record<VelocityKeyKind, string>> {
  const { customer } = payment;
  return { card: payment.card.fingerprint, email: customer.email, customer: customer.id, ip: customer.ip, device: customer.device_id };
}

function customerKey(payment: PaymentUnderAssessment): string | undefined {
  return payment.customer.id ?? payment.customer.email?.trim().toLowerCase();
}

/**
 * Stands in for the Firestore counters in tests: applies the same write plans with the same idempotency
 * rule (an event whose marker exists changes nothing) and reads windows through the same document ids.
 */
export class InMemoryFraudHistory {
  private readonly docs = new Map<string, DayDoc>();
  private readonly markers = new Set<string>();
  private readonly merchantDays = new Map<string, AmountStats>();
  private readonly seenCustomers = new Set<string>();
  readonly knownBad = { cards: new Set<string>(), emails: new Set<string>(), ips: new Set<string>() };

  constructor(private readonly shards: Readonly<Record<VelocityKeyKind, number>> = DEFAULT_SHARDS) {}

  /** Returns false when the event was already applied. */
  applyEvent(event: VelocityEvent): boolean {
    const plan = planVelocityWrite(event, this.shards);
    if (this.markers.has(plan.markerDocId)) return false;
    this.markers.add(plan.markerDocId);
    for (const increment of plan.increments) this.docs.set(increment.docId, applyIncrement(this.docs.get(increment.docId), increment));
    return true;
  }

  recordAttempt(payment: PaymentUnderAssessment, amountUsdMinor: number, atMs: number): boolean {
    const applied = this.applyEvent({ eventId: payment.paymentId, kind: 'attempt', occurredAtMs: atMs, amountUsdMinor, cardFingerprint: payment.card.fingerprint, keys: velocityKeys(payment) });
    if (!applied) return false;
    const dayKey = `${payment.merchantId}|${Math.floor(atMs / DAY_MS)}`;
    this.merchantDays.set(dayKey, addToAmountStats(this.merchantDays.get(dayKey) ?? EMPTY_AMOUNT_STATS, amountUsdMinor));
    const customer = customerKey(payment);
    if (customer) this.seenCustomers.add(customer);
    return true;
  }

  recordDecline(payment: PaymentUnderAssessment, atMs: number): boolean {
    return this.applyEvent({ eventId: `${payment.paymentId}:decline`, kind: 'decline', occurredAtMs: atMs, amountUsdMinor: 0, cardFingerprint: payment.card.fingerprint, keys: { card: payment.card.fingerprint } });
  }

  documentCount(): number {
    return this.docs.size;
  }

  historyFor(payment: PaymentUnderAssessment, nowMs: number): FraudHistory {
    const keys = velocityKeys(payment);
    const read = (kind: VelocityKeyKind, window: (typeof VELOCITY_WINDOWS)[number]) =>
      planKeyRead(kind, keys[kind] as string, nowMs, this.shards[kind], [window]).sum(window, this.docs);
    const velocity: VelocityHistory = {};
    for (const kind of ['card', 'email', 'customer', 'ip'] as const) {
      if (!keys[kind]) continue;
      velocity[kind] = {};
      for (const window of VELOCITY_WINDOWS) {
        const sum = read(kind, window);
        velocity[kind][window] = { count: sum.count, amountUsdMinor: sum.amountUsdMinor };
      }
    }
    const distinct = (kind: 'ip' | 'device', window: '1h' | '24h') => (keys[kind] ? distinctOtherCards(read(kind, window), payment.card.fingerprint) : 0);
    const customer = customerKey(payment);
    return {
      velocity,
      declinesCard24h: read('card', '24h').declines,
      distinctCards: { ip1h: distinct('ip', '1h'), ip24h: distinct('ip', '24h'), device1h: distinct('device', '1h'), device24h: distinct('device', '24h') },
      merchantAmounts: this.merchantStats(payment.merchantId, nowMs),
      knownBad: {
        card: this.knownBad.cards.has(payment.card.fingerprint),
        email: Boolean(payment.customer.email && this.knownBad.emails.has(payment.customer.email.toLowerCase())),
        ip: Boolean(payment.customer.ip && this.knownBad.ips.has(payment.customer.ip)),
      },
      customerSeenBefore: customer !== undefined && this.seenCustomers.has(customer),
      reportedByOtherMerchants: 0,
    };
  }

  private merchantStats(merchantId: string, nowMs: number): AmountStats {
    const today = Math.floor(nowMs / DAY_MS);
    let stats = EMPTY_AMOUNT_STATS;
    for (let day = today - MERCHANT_STATS_DAYS + 1; day <= today; day += 1) {
      const bucket = this.merchantDays.get(`${merchantId}|${day}`);
      if (bucket) stats = mergeAmountStats(stats, bucket);
    }
    return stats;
  }
}
