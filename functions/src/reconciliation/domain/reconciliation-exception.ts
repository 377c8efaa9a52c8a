// What a reconciliation can find wrong. Each finding is stored and opens a case for finance staff.

export const EXCEPTION_KINDS = [
  /** A capture or refund in our ledger that the processor's report of the day does not list. */
  'missing_in_processor_report',
  /** A line of the processor's report (with one of our references) that our ledger does not have. */
  'missing_in_ledger',
  /**
   * Both sides have the reference, but the amount, currency or kind differ (or the processor's own id of
   * the capture/refund differs from the one the journal recorded); or a bank payout line differs from the payout.
   */
  'amount_mismatch',
  /** The same reference more than once on one side (report, ledger, or statement). */
  'duplicate',
  /** A report or statement line whose reference is none of ours (not a payment, refund, payout or processor deposit). */
  'unknown_reference',
  /** The bank statement shows a payout coming back. */
  'payout_returned',
  /** The processor's deposit of the day's net in a currency differs from its report's net. */
  'bank_deposit_mismatch',
] as const;

export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export type ExceptionSource = 'ledger' | 'processor_report' | 'bank_statement';

export interface ReconciliationFinding {
  readonly kind: ExceptionKind;
  /** Where the line that is wrong (or alone) comes from. */
  readonly source: ExceptionSource;
  /** Our payment / refund / payout id, or the reference the outside party used. */
  readonly reference: string;
  /** The merchant concerned, when the line tells us. */
  readonly merchantId: string | null;
  readonly currency: string | null;
  /** What our side (or, for deposits, the processor's report) says; null when our side has no such line. */
  readonly expectedAmount: number | null;
  /** What the other side says; null when it has no such line. */
  readonly actualAmount: number | null;
  /** One sentence for the finance team; never personal data (ids and amounts only). */
  readonly detail: string;
}

export const emptyKindCounts = (): Record<ExceptionKind, number> =>
  Object.fromEntries(EXCEPTION_KINDS.map((kind) => [kind, 0])) as Record<ExceptionKind, number>;
