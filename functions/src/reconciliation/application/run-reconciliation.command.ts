import { processorSettlementJournal } from '../../ledger/domain/journal';
import { Clock } from '../../shared/clock';
import { newId, sha256Hex } from '../../shared/ids';
import { Logger } from '../../shared/logger';
import { ReconciliationFinding } from '../domain/reconciliation-exception';
import { dayWindow, findingKey, findingPriority, modeName, nextDay, previousDate, ReconciliationException, ReconciliationRun } from '../domain/reconciliation-run';
import { reconcileDay } from '../domain/three-way-match';
import { BankStatementSource, FinanceCase, LedgerDayReader, PayoutLookup, ProcessorReportSource, ReconciliationStore } from './reconciliation.ports';

export interface ReconciliationDeps {
  readonly ledger: LedgerDayReader;
  readonly report: ProcessorReportSource;
  readonly bank: BankStatementSource;
  readonly payouts: PayoutLookup;
  readonly store: ReconciliationStore;
  readonly clock: Clock;
  readonly log: Logger;
  /** How far past either end of the day a journal may be and still match the day's report (default 10 min). */
  readonly graceMs?: number;
  /** Payouts looked up per round trip (default 100). */
  readonly lookupBatch?: number;
}

export const DEFAULT_GRACE_MS = 10 * 60_000;

/** Payment and refund ids as the payments context makes them (shared/ids newId). */
export const isOurReference = (reference: string): boolean => /^(pay|re)_[0-9A-Za-z]+$/.test(reference);

export type RunReconciliationError = { readonly code: 'invalid_date' | 'date_not_over'; readonly message: string };

/**
 * Reconciles one UTC day of one mode: streams the ledger's journals, the processor's report and the
 * bank's statements through the three-way match, stores each exception as it is found (each with
 * its finance case), then the run with its counts and totals. A source that fails (unreachable,
 * malformed, out of order) fails the run: it is stored as failed with the reason, and the
 * exceptions found until then stay attached to it.
 */
export async function runReconciliation(
  deps: ReconciliationDeps,
  input: { livemode: boolean; date: string; trigger: ReconciliationRun['trigger'] },
): Promise<{ ok: true; run: ReconciliationRun } | { ok: false; error: RunReconciliationError }> {
  const day = dayWindow(input.date);
  if (day === null) return { ok: false, error: { code: 'invalid_date', message: `${input.date} is not a date (YYYY-MM-DD)` } };
  const startedMs = deps.clock.nowMs();
  if (day.startMs > startedMs) return { ok: false, error: { code: 'date_not_over', message: `${input.date} has not begun yet` } };
  const { livemode } = input;
  const graceMs = deps.graceMs ?? DEFAULT_GRACE_MS;
  const runId = `recrun_${modeName(livemode)}_${input.date.replace(/-/g, '')}_${newId('r').slice(2, 14)}`;
  const running: ReconciliationRun = { id: runId, livemode, date: input.date, status: 'running', trigger: input.trigger, startedMs, completedMs: null, summary: null, failureMessage: null };
  await deps.store.saveRun(running);

  const writer = deps.store.exceptionWriter();
  let seq = 0;
  const onFinding = async (finding: ReconciliationFinding): Promise<void> => {
    seq += 1;
    const exception: ReconciliationException = {
      ...finding, id: `${runId}_${String(seq).padStart(7, '0')}`, runId, livemode, date: input.date, caseId: caseIdOf(livemode, input.date, finding), createdMs: deps.clock.nowMs(),
    };
    await writer.add(exception, financeCase(exception));
  };
  try {
    const summary = await reconcileDay(
      {
        day,
        ledger: deps.ledger.lines(livemode, day.startMs - graceMs, day.endMs + graceMs),
        report: deps.report.lines(livemode, input.date),
        statement: deps.bank.lines(livemode, input.date),
        laterStatements: deps.bank.lines(livemode, nextDay(input.date)),
        payouts: (ids) => deps.payouts.byIds(livemode, ids),
        isOurReference,
        leadingGraceMs: graceMs,
        previousDayReport: () => deps.report.lines(livemode, previousDate(input.date)),
      },
      onFinding,
      { lookupBatch: deps.lookupBatch },
    );
    await writer.close();
    // Where the processor's deposit matches its report, the money it moved is booked: bank in, fees out,
    // the day's receivable cleared. A currency whose deposit is missing or off stays an open exception.
    for (const t of summary.totals) {
      if (t.bankDeposits <= 0 || t.bankDeposits !== t.reportNet) continue;
      await deps.store.bookJournal(
        processorSettlementJournal({ livemode, date: input.date, currency: t.currency, captures: t.reportCaptures, refunds: t.reportRefunds, fees: t.reportFees, deposited: t.bankDeposits, nowMs: deps.clock.nowMs() }),
      );
    }
    const completed: ReconciliationRun = { ...running, status: 'completed', completedMs: deps.clock.nowMs(), summary };
    await deps.store.saveRun(completed);
    deps.log.info('reconciliation run completed', { runId, livemode, date: input.date, matched: summary.matched, unmatched: summary.unmatched });
    return { ok: true, run: completed };
  } catch (error) {
    await writer.close().catch(() => undefined);
    const failureMessage = error instanceof Error ? error.message : String(error);
    const failed: ReconciliationRun = { ...running, status: 'failed', completedMs: deps.clock.nowMs(), failureMessage };
    await deps.store.saveRun(failed);
    deps.log.warn('reconciliation run failed', { runId, livemode, date: input.date, error: failureMessage });
    return { ok: true, run: failed };
  }
}

/** One case per finding key: a later run of the same day that finds the same discrepancy points at it again. */
export const caseIdOf = (livemode: boolean, date: string, finding: ReconciliationFinding): string => `case_recon_${sha256Hex(findingKey(livemode, date, finding)).slice(0, 24)}`;

function financeCase(exception: ReconciliationException): FinanceCase {
  return {
    id: exception.caseId,
    priority: findingPriority(exception),
    merchantId: exception.merchantId,
    summary: `Reconciliation ${exception.date}: ${exception.kind} (${exception.reference})`,
    details: {
      exceptionId: exception.id, runId: exception.runId, date: exception.date, kind: exception.kind, source: exception.source, reference: exception.reference,
      currency: exception.currency, expectedAmount: exception.expectedAmount, actualAmount: exception.actualAmount, detail: exception.detail,
    },
  };
}
