import type { z } from 'zod';
import type { ReconciliationExceptionObject, ReconciliationRunObject } from '../../contracts/reconciliation-api.v1';
import { toUnixSeconds } from '../../shared/clock';
import type { ReconciliationException, ReconciliationRun } from '../domain/reconciliation-run';

export function presentRun(run: ReconciliationRun): z.infer<typeof ReconciliationRunObject> {
  const s = run.summary;
  return {
    id: run.id,
    object: 'reconciliation_run',
    livemode: run.livemode,
    date: run.date,
    status: run.status,
    trigger: run.trigger,
    created: toUnixSeconds(run.startedMs),
    completed: run.completedMs === null ? null : toUnixSeconds(run.completedMs),
    failure_message: run.failureMessage,
    counts: s === null ? null : { ledger_lines: s.ledgerLines, report_lines: s.reportLines, bank_lines: s.bankLines, matched: s.matched, bank_matched: s.bankMatched, unmatched: s.unmatched, exceptions: { ...s.exceptionsByKind } },
    totals: (s?.totals ?? []).map((t) => ({
      currency: t.currency, ledger_captures: t.ledgerCaptures, ledger_refunds: t.ledgerRefunds, report_captures: t.reportCaptures, report_refunds: t.reportRefunds,
      report_fees: t.reportFees, report_net: t.reportNet, bank_deposits: t.bankDeposits, bank_payouts: t.bankPayouts, bank_returns: t.bankReturns,
    })),
  };
}

export function presentException(e: ReconciliationException): z.infer<typeof ReconciliationExceptionObject> {
  return {
    id: e.id, object: 'reconciliation_exception', run: e.runId, kind: e.kind, source: e.source, reference: e.reference, merchant: e.merchantId, currency: e.currency,
    expected_amount: e.expectedAmount, actual_amount: e.actualAmount, detail: e.detail, case: e.caseId, created: toUnixSeconds(e.createdMs),
  };
}
