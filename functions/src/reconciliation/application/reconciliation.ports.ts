import type { Journal } from '../../ledger/domain/journal';
import type { BankStatementLine, KnownPayout, LedgerLine, ProcessorReportLine } from '../domain/reconciliation-lines';
import type { ReconciliationException, ReconciliationRun } from '../domain/reconciliation-run';

// What a reconciliation reads and where it keeps its results. Every port takes the mode: a test-mode
// run reads the test processor, the test bank and test-mode journals and payouts only.

/** The processor's daily settlement report, streamed and sorted by merchant reference. */
export interface ProcessorReportSource {
  lines(livemode: boolean, date: string): AsyncIterable<ProcessorReportLine>;
}

/** The platform bank account's statement of a day (value date), streamed. */
export interface BankStatementSource {
  lines(livemode: boolean, date: string): AsyncIterable<BankStatementLine>;
}

/** Capture and refund journals created in [fromMs, toMs), streamed and sorted by reference. */
export interface LedgerDayReader {
  lines(livemode: boolean, fromMs: number, toMs: number): AsyncIterable<LedgerLine>;
}

/** Our payouts by id (of one mode); ids it does not know are absent from the answer. */
export interface PayoutLookup {
  byIds(livemode: boolean, ids: readonly string[]): Promise<ReadonlyMap<string, KnownPayout>>;
}

/** Writes a run's exceptions as they are found, in batches; each opens a finance case (once per finding key). */
export interface ExceptionWriter {
  add(exception: ReconciliationException, caseToOpen: FinanceCase): Promise<void>;
  /** Waits until everything added is stored. */
  close(): Promise<void>;
}

/** The case finance staff work from: a compliance case of kind `reconciliation`. */
export interface FinanceCase {
  readonly id: string;
  readonly priority: 'high' | 'normal';
  readonly merchantId: string | null;
  readonly summary: string;
  readonly details: Record<string, unknown>;
}

export interface ReconciliationStore {
  saveRun(run: ReconciliationRun): Promise<void>;
  /** Writes a ledger journal the run books (the processor's deposit); the same id twice writes the same document. */
  bookJournal(journal: Journal): Promise<void>;
  exceptionWriter(): ExceptionWriter;
  getRun(id: string): Promise<ReconciliationRun | null>;
  /** Newest first. */
  listRuns(q: { livemode?: boolean; limit: number; startingAfter?: string }): Promise<{ data: ReconciliationRun[]; hasMore: boolean }>;
  /** A run's exceptions in the order found. */
  listExceptions(runId: string, q: { limit: number; startingAfter?: string }): Promise<{ data: ReconciliationException[]; hasMore: boolean }>;
}
