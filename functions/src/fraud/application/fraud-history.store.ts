import type { FraudHistory, PaymentUnderAssessment } from '../domain/fraud-signals';

/** What one merchant's fraud report names, in the mode the report was made in. */
export interface KnownBadEntries {
  merchantId: string;
  livemode: boolean;
  cardFingerprint?: string;
  email?: string;
  ip?: string;
}

/** The history to score a payment with; `alreadyCounted` when an earlier delivery counted it (and scored it with this). */
export interface LoadedHistory {
  history: FraudHistory;
  alreadyCounted: boolean;
}

/**
 * Port: the velocity counters, merchant amount statistics and block lists the features read. Writes
 * happen outside the payment transaction so counters never contend with payments.
 */
export interface FraudHistoryStore {
  /** The history a payment was first scored with, so a redelivered task scores it exactly as before. */
  recordedHistory(paymentId: string, livemode: boolean): Promise<FraudHistory | null>;
  /**
   * Reads every aggregate by document id (no queries), excluding this payment, in one round trip; for a
   * payment counted already, the history it was first scored with instead.
   */
  load(payment: PaymentUnderAssessment, nowMs: number): Promise<LoadedHistory>;
  /**
   * Counts the payment once (a marker keyed by payment id, committed with the increments) and keeps the
   * history it was scored with. Returns the history stored by whichever attempt counted it first.
   */
  recordAttempt(payment: PaymentUnderAssessment, amountUsdMinor: number, atMs: number, history: FraudHistory): Promise<FraudHistory>;
  /** Counts a decline on the card once per payment; false when it was counted already. */
  recordDecline(paymentId: string, cardFingerprint: string, atMs: number, livemode: boolean): Promise<boolean>;
  /**
   * The reporting merchant's own block list in its mode; a live report also adds the merchant to the
   * platform-wide tally, which other merchants only see as a risk feature once several agree.
   */
  markKnownBad(entries: KnownBadEntries): Promise<void>;
}
