// The three sides a reconciliation compares, as plain records. Each source hands its lines over as a
// stream sorted by the key the engine joins on, so a day of any size is matched in flat memory.

/** A capture or refund journal of the day, from our ledger. `reference` is our payment or refund id. */
export interface LedgerLine {
  readonly reference: string;
  readonly kind: 'capture' | 'refund';
  readonly journalId: string;
  readonly merchantId: string;
  readonly currency: string;
  /** Gross captured, or the amount refunded: positive minor units. */
  readonly amount: number;
  readonly createdMs: number;
  /** The processor's id of the capture or refund, when the journal recorded it. */
  readonly externalReference?: string | null;
}

/** One line of the processor's daily settlement report. */
export interface ProcessorReportLine {
  readonly lineId: string;
  readonly type: 'capture' | 'refund';
  /** The processor's own id of the capture or refund. */
  readonly processorReference: string;
  /** Our payment or refund id, as we sent it to the processor. */
  readonly merchantReference: string;
  readonly currency: string;
  /** Positive minor units. */
  readonly gross: number;
  /** What the processor kept (minor units, >= 0). */
  readonly fee: number;
  /** What it pays us for the line: gross - fee for a capture, -gross for a refund. */
  readonly net: number;
  readonly createdMs: number;
}

/** One line of the platform bank account's statement. */
export interface BankStatementLine {
  readonly lineId: string;
  /** incoming: a processor settlement (reference ps_ or ea_<date>_<currency>); payout: our payout left (amount < 0); return: a payout came back. */
  readonly type: 'incoming' | 'payout' | 'return';
  readonly amount: number;
  readonly currency: string;
  readonly reference: string;
  readonly valueDate: string;
}

/** What we recorded for a payout the bank statement names. */
export interface KnownPayout {
  readonly id: string;
  readonly merchantId: string;
  readonly amount: number;
  readonly currency: string;
}

/** Reference of the processor's deposit of one day's net in one currency. */
export const processorDepositReference = (date: string, currency: string): string => `ps_${date}_${currency}`;

/**
 * Parses a processor's deposit of one day's net in one currency: ps_<YYYY-MM-DD>_<currency> (the sandbox
 * processor) or ea_<YYYY-MM-DD>_<currency> (the European acquirer); null for anything else. Both count
 * towards the day's deposits: the day's report is both processors' reports together.
 */
export function parseDepositReference(reference: string): { date: string; currency: string } | null {
  const match = /^(?:ps|ea)_(\d{4}-\d{2}-\d{2})_([a-z]{3})$/.exec(reference);
  return match ? { date: match[1], currency: match[2] } : null;
}
