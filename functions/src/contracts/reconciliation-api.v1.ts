import { z } from 'zod';

// Reconciliation API bodies (v1): the staff routes that show runs and their exceptions, and the
// test helper that runs a test-mode reconciliation now. Staff keys (sk_staff_) only: reconciliation
// is platform-wide, not a merchant's. Wire format snake_case; amounts in minor units.

const limit = z.coerce.number().int().min(1).max(100).default(20);
const date = z.iso.date({ error: 'date must be YYYY-MM-DD' });

export const ReconciliationExceptionKindValue = z.enum([
  'missing_in_processor_report',
  'missing_in_ledger',
  'amount_mismatch',
  'duplicate',
  'unknown_reference',
  'payout_returned',
  'bank_deposit_mismatch',
]);

// GET /v1/reconciliation/runs?livemode=&limit=&starting_after=
export const ListReconciliationRunsQuery = z
  .object({ livemode: z.enum(['true', 'false']).transform((v) => v === 'true').optional(), limit, starting_after: z.string().max(200).optional() })
  .strict();

// POST /v1/test_helpers/reconciliation/run
export const RunReconciliationRequest = z.object({ date: date.optional() }).strict();

export const ReconciliationTotalsObject = z.object({
  currency: z.string(),
  /** Gross of the day's capture journals. */
  ledger_captures: z.number().int(),
  ledger_refunds: z.number().int(),
  report_captures: z.number().int(),
  report_refunds: z.number().int(),
  report_fees: z.number().int(),
  /** What the processor's report says it pays for the day: captures - fees - refunds. */
  report_net: z.number().int(),
  /** What the bank received from the processor for the day (ps_<date>_<currency>). */
  bank_deposits: z.number().int(),
  /** Payouts debited on the day's statement (negative). */
  bank_payouts: z.number().int(),
  bank_returns: z.number().int(),
});

export const ReconciliationExceptionObject = z.object({
  id: z.string(),
  object: z.literal('reconciliation_exception'),
  run: z.string(),
  kind: ReconciliationExceptionKindValue,
  source: z.enum(['ledger', 'processor_report', 'bank_statement']),
  reference: z.string(),
  merchant: z.string().nullable(),
  currency: z.string().nullable(),
  expected_amount: z.number().int().nullable(),
  actual_amount: z.number().int().nullable(),
  detail: z.string(),
  /** The finance case (GET /v1/cases/{id}, kind `reconciliation`). */
  case: z.string(),
  created: z.number().int(),
});

export const ReconciliationRunObject = z.object({
  id: z.string(),
  object: z.literal('reconciliation_run'),
  livemode: z.boolean(),
  date: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  trigger: z.enum(['schedule', 'test_helper']),
  created: z.number().int(),
  completed: z.number().int().nullable(),
  failure_message: z.string().nullable(),
  counts: z
    .object({
      ledger_lines: z.number().int(),
      report_lines: z.number().int(),
      bank_lines: z.number().int(),
      /** Ledger ↔ report pairs that agree. */
      matched: z.number().int(),
      /** Statement lines (payouts, and each currency's deposit) that agree. */
      bank_matched: z.number().int(),
      /** Lines or pairs that became an exception. */
      unmatched: z.number().int(),
      exceptions: z.record(ReconciliationExceptionKindValue, z.number().int()),
    })
    .nullable(),
  totals: z.array(ReconciliationTotalsObject),
});

export const ReconciliationRunList = z.object({ object: z.literal('list'), data: z.array(ReconciliationRunObject), has_more: z.boolean() });

/** GET /v1/reconciliation/runs/{id}: the run with its first exceptions (up to 100, in the order found). */
export const ReconciliationRunDetail = ReconciliationRunObject.extend({
  exceptions: z.object({ object: z.literal('list'), data: z.array(ReconciliationExceptionObject), has_more: z.boolean() }),
});
