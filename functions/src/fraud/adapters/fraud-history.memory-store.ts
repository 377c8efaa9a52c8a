import type { FraudHistoryStore, KnownBadEntries, LoadedHistory } from '../application/fraud-history.store';
import type { FraudHistory, PaymentUnderAssessment } from '../domain/fraud-signals';
import { InMemoryFraudHistory } from './fraud-history.memory-counters';

type BlockList = { cards: Set<string>; emails: Set<string>; ips: Set<string> };
const modeOf = (livemode: boolean) => (livemode ? 'live' : 'test');

/**
 * FraudHistoryStore over the domain's in-memory counters (same key plan, same idempotency rule), with
 * the Firestore store's separations: counters per mode, block lists per merchant and mode, and the
 * live-only tally of which merchants reported a key.
 */
export class InMemoryFraudHistoryStore implements FraudHistoryStore {
  private readonly byMode = { live: new InMemoryFraudHistory(), test: new InMemoryFraudHistory() };
  private readonly scoredWith = new Map<string, FraudHistory>();
  private readonly lists = new Map<string, BlockList>();
  private readonly platformReports = new Map<string, Set<string>>();

  /** Test-mode counters, where most unit tests pay. */
  get counters(): InMemoryFraudHistory {
    return this.byMode.test;
  }

  countersFor(livemode: boolean): InMemoryFraudHistory {
    return this.byMode[modeOf(livemode)];
  }

  /** One merchant's own block list in one mode. */
  listOf(merchantId: string, livemode: boolean): BlockList {
    const key = `${modeOf(livemode)}|${merchantId}`;
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = { cards: new Set(), emails: new Set(), ips: new Set() }));
    return list;
  }

  async recordedHistory(paymentId: string, livemode: boolean): Promise<FraudHistory | null> {
    return structuredClone(this.scoredWith.get(`${modeOf(livemode)}|${paymentId}`) ?? null);
  }

  async load(payment: PaymentUnderAssessment, nowMs: number): Promise<LoadedHistory> {
    const recorded = this.scoredWith.get(`${modeOf(payment.livemode)}|${payment.paymentId}`);
    if (recorded) return { history: structuredClone(recorded), alreadyCounted: true };
    const counted = this.countersFor(payment.livemode).historyFor(payment, nowMs);
    const list = this.listOf(payment.merchantId, payment.livemode);
    const email = payment.customer.email?.toLowerCase();
    const reporters = payment.livemode
      ? (
          [
            ['card', payment.card.fingerprint],
            ['email', email],
            ['ip', payment.customer.ip],
          ] as const
        ).map(([kind, value]) => (value ? [...(this.platformReports.get(`${kind}|${value}`) ?? [])].filter((m) => m !== payment.merchantId).length : 0))
      : [];
    const history: FraudHistory = {
      ...counted,
      knownBad: { card: list.cards.has(payment.card.fingerprint), email: Boolean(email && list.emails.has(email)), ip: Boolean(payment.customer.ip && list.ips.has(payment.customer.ip)) },
      reportedByOtherMerchants: Math.max(0, ...reporters),
    };
    return { history, alreadyCounted: false };
  }

  async recordAttempt(payment: PaymentUnderAssessment, amountUsdMinor: number, atMs: number, history: FraudHistory): Promise<FraudHistory> {
    const key = `${modeOf(payment.livemode)}|${payment.paymentId}`;
    if (this.countersFor(payment.livemode).recordAttempt(payment, amountUsdMinor, atMs)) this.scoredWith.set(key, structuredClone(history));
    return structuredClone(this.scoredWith.get(key) ?? history);
  }

  async recordDecline(paymentId: string, cardFingerprint: string, atMs: number, livemode: boolean): Promise<boolean> {
    return this.countersFor(livemode).applyEvent({ eventId: `${paymentId}:decline`, kind: 'decline', occurredAtMs: atMs, amountUsdMinor: 0, cardFingerprint, keys: { card: cardFingerprint } });
  }

  async markKnownBad(entries: KnownBadEntries): Promise<void> {
    const list = this.listOf(entries.merchantId, entries.livemode);
    const email = entries.email?.toLowerCase();
    if (entries.cardFingerprint) list.cards.add(entries.cardFingerprint);
    if (email) list.emails.add(email);
    if (entries.ip) list.ips.add(entries.ip);
    if (!entries.livemode) return;
    for (const [kind, value] of [['card', entries.cardFingerprint], ['email', email], ['ip', entries.ip]] as const) {
      if (!value) continue;
      const reporters = this.platformReports.get(`${kind}|${value}`) ?? new Set<string>();
      this.platformReports.set(`${kind}|${value}`, reporters.add(entries.merchantId));
    }
  }
}
