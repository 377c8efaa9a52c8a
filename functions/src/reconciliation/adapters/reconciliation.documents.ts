import { z } from 'zod';
import { EXCEPTION_KINDS } from '../domain/reconciliation-exception';

// How runs and exceptions are stored (`reconciliation_runs/{runId}`, `reconciliation_exceptions/{runId}_{seq}`):
// plain JSON of the domain types, read back through these schemas.

const int = z.number().int();

const CurrencyTotalsDocument = z.object({
  currency: z.string(),
  ledgerCaptures: int, ledgerRefunds: int, reportCaptures: int, reportRefunds: int, reportFees: int, reportNet: int, bankDeposits: int, bankPayouts: int, bankReturns: int,
});

const SummaryDocument = z.object({
  ledgerLines: int, reportLines: int, bankLines: int, matched: int, bankMatched: int, unmatched: int, neighbourDayLedgerLines: int,
  exceptionsByKind: z.object(Object.fromEntries(EXCEPTION_KINDS.map((kind) => [kind, int])) as Record<(typeof EXCEPTION_KINDS)[number], typeof int>),
  totals: z.array(CurrencyTotalsDocument),
});

export const ReconciliationRunDocument = z.object({
  id: z.string(),
  livemode: z.boolean(),
  date: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  trigger: z.enum(['schedule', 'test_helper']),
  startedMs: int,
  completedMs: int.nullable(),
  summary: SummaryDocument.nullable(),
  failureMessage: z.string().nullable(),
});

export const ReconciliationExceptionDocument = z.object({
  id: z.string(),
  runId: z.string(),
  livemode: z.boolean(),
  date: z.string(),
  kind: z.enum(EXCEPTION_KINDS),
  source: z.enum(['ledger', 'processor_report', 'bank_statement']),
  reference: z.string(),
  merchantId: z.string().nullable(),
  currency: z.string().nullable(),
  expectedAmount: int.nullable(),
  actualAmount: int.nullable(),
  detail: z.string(),
  caseId: z.string(),
  createdMs: int,
});
