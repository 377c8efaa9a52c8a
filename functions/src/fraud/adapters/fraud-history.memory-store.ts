import type { FraudHistoryStore, KnownBadEntries, LoadedHistory } from '../application/fraud-history.store';
import type { FraudHistory, PaymentUnderAssessment } from '../domain/fraud-signals';
import { InMemoryFraudHistory } from '../domain/testing/in-memory-fraud-history';

/** FraudHistoryStore over the domain's in-memory counters (same key plan, same idempotency rule). */
export class InMemoryFraudHistoryStore implements FraudHistoryStore {
  readonly counters = new InMemoryFraudHistory();
  private readonly scoredWith = new Map<string, FraudHistory>();
  private readonly cardsByPayment = new Map<string, string>();

  async recordedHistory(paymentId: string): Promise<FraudHistory | null> {
    return structuredClone(this.scoredWith.get(paymentId) ?? null);
  }

  async load(payment: PaymentUnderAssessment, nowMs: number): Promise<LoadedHistory> {
    const recorded = this.scoredWith.get(payment.paymentId);
    if (recorded) return { history: structuredClone(recorded), alreadyCounted: true };
    return { history: this.counters.historyFor(payment, nowMs), alreadyCounted: false };
  }

  async recordAttempt(payment: PaymentUnderAssessment, amountUsdMinor: number, atMs: number, history: FraudHistory): Promise<FraudHistory> {
    if (this.counters.recordAttempt(payment, amountUsdMinor, atMs)) {
      this.scoredWith.set(payment.paymentId, structuredClone(history));
      this.cardsByPayment.set(payment.paymentId, payment.card.fingerprint);
    }
    return structuredClone(this.scoredWith.get(payment.paymentId) ?? history);
  }

  async recordDecline(paymentId: string, cardFingerprint: string, atMs: number): Promise<boolean> {
    return this.counters.applyEvent({ eventId: `${paymentId}:decline`, kind: 'decline', occurredAtMs: atMs, amountUsdMinor: 0, cardFingerprint, keys: { card: cardFingerprint } });
  }

  async markKnownBad(entries: KnownBadEntries): Promise<void> {
    if (entries.cardFingerprint) this.counters.knownBad.cards.add(entries.cardFingerprint);
    if (entries.email) this.counters.knownBad.emails.add(entries.email.toLowerCase());
    if (entries.ip) this.counters.knownBad.ips.add(entries.ip);
  }
}
