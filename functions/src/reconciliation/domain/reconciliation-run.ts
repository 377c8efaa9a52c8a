import { ReconciliationFinding } from './reconciliation-exception';
import { DayWindow, ReconciliationSummary } from './three-way-match';

// A run reconciles one UTC day of one mode. It is stored when it starts (running) and again when it
// ends (completed with its summary, or failed with the reason), so a run that died shows as running.

export type RunStatus = 'running' | 'completed' | 'failed';

export interface ReconciliationRun {
  readonly id: string;
  readonly livemode: boolean;
  readonly date: string;
  readonly status: RunStatus;
  /** schedule: the daily job; test_helper: POST /v1/test_helpers/reconciliation/run. */
  readonly trigger: 'schedule' | 'test_helper';
  readonly startedMs: number;
  readonly completedMs: number | null;
  readonly summary: ReconciliationSummary | null;
  readonly failureMessage: string | null;
}

/** A finding as stored: which run found it, and the finance case it opened (or found already open). */
export interface ReconciliationException extends ReconciliationFinding {
  readonly id: string;
  readonly runId: string;
  readonly livemode: boolean;
  readonly date: string;
  readonly caseId: string;
  readonly createdMs: number;
}

const DAY_MS = 86_400_000;

/** The UTC day YYYY-MM-DD, or null when it is not a real date. */
export function dayWindow(date: string): DayWindow | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const startMs = Date.parse(`${date}T00:00:00.000Z`);
  if (Number.isNaN(startMs) || new Date(startMs).toISOString().slice(0, 10) !== date) return null;
  return { date, startMs, endMs: startMs + DAY_MS };
}

/** The UTC day before the one `nowMs` falls in: what the daily job reconciles (the day is over). */
export const previousDay = (nowMs: number): string => new Date(Math.floor(nowMs / DAY_MS) * DAY_MS - DAY_MS).toISOString().slice(0, 10);

export const nextDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);

export const previousDate = (date: string): string => new Date(Date.parse(`${date}T00:00:00.000Z`) - DAY_MS).toISOString().slice(0, 10);

export const modeName = (livemode: boolean): 'live' | 'test' => (livemode ? 'live' : 'test');

/**
 * The key of a finding across runs: the same discrepancy found again by a later run of the same day
 * (a retry, the test helper) points at the same finance case instead of opening another.
 */
export const findingKey = (livemode: boolean, date: string, finding: ReconciliationFinding): string =>
  [modeName(livemode), date, finding.kind, finding.source, finding.reference, finding.currency ?? '-'].join('|');

/** A case for finance staff is normal priority, except money that did not arrive or came back. */
export const findingPriority = (finding: ReconciliationFinding): 'high' | 'normal' =>
  finding.kind === 'bank_deposit_mismatch' || finding.kind === 'payout_returned' || finding.kind === 'missing_in_ledger' ? 'high' : 'normal';
