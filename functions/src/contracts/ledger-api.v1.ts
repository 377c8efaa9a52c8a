import { z } from 'zod';

// The ledger's merchant API: the balance and the balance transactions that explain it (Stripe's shapes).

export const BALANCE_TRANSACTION_TYPES_V1 = ['charge', 'refund', 'payout', 'payout_failure', 'payout_cancel', 'adjustment', 'fx'] as const;

/** GET /v1/balance_transactions. Express 5 parses `created[gte]=…` as that literal key. */
export const ListBalanceTransactionsQuery = z
  .object({
    type: z.enum(BALANCE_TRANSACTION_TYPES_V1).optional(),
    payout: z.string().regex(/^po_[A-Za-z0-9_]+$/, { error: 'must be a payout id (po_…)' }).optional(),
    // Digits only (kept as a string): a coerced number would read an empty value as 0.
    'created[gte]': z.string().regex(/^\d{1,12}$/, { error: 'must be a unix time in seconds' }).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(10),
    starting_after: z.string().regex(/^txn_[A-Za-z0-9_]+$/, { error: 'must be a balance transaction id (txn_…)' }).optional(),
  })
  .strict();

export const FeeDetailObject = z.object({ type: z.enum(['platform_fee', 'fx_markup']), amount: z.number().int(), currency: z.string(), description: z.string() });

export const BalanceTransactionObject = z.object({
  id: z.string(),
  object: z.literal('balance_transaction'),
  type: z.enum(BALANCE_TRANSACTION_TYPES_V1),
  amount: z.number().int(),
  fee: z.number().int(),
  fee_details: z.array(FeeDetailObject),
  net: z.number().int(),
  currency: z.string(),
  status: z.enum(['pending', 'available']),
  /** Unix seconds. */
  available_on: z.number().int(),
  created: z.number().int(),
  source: z.string(),
  exchange_rate: z.number().nullable(),
  /** The payout that settled it, or null while unsettled. */
  payout: z.string().nullable(),
  description: z.string().nullable(),
  livemode: z.boolean(),
});

export const BalanceTransactionList = z.object({ object: z.literal('list'), data: z.array(BalanceTransactionObject), has_more: z.boolean(), url: z.string() });
