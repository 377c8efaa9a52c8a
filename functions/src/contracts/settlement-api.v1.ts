import { z } from 'zod';
import { Currency } from './payments-api.v1';
import { MAX_AMOUNT } from '../shared/money';

// Request and response bodies of the settlement routes (payout settings, payouts, the settlement test
// helper, the bank webhook's answer), in Stripe's shapes. They validate requests and generate the
// OpenAPI document.
const WEEKDAY = z.enum(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']);

export const PayoutSettingsRequest = z
  .object({
    schedule: z
      .object({
        interval: z.enum(['daily', 'weekly', 'manual']).optional(),
        /** 0–14; 0 in test mode only. */
        delay_days: z.number().int().optional(),
        weekly_anchor: WEEKDAY.nullable().optional(),
      })
      .strict()
      .optional(),
    /** null: each currency is paid out in itself. */
    settlement_currency: Currency.nullable().optional(),
    /** A bank account token from the bank (`ba_…`), checked with the bank; null removes it. */
    bank_account: z.string().regex(/^ba_[A-Za-z0-9_]{1,100}$/, 'bank_account must be a bank account token (ba_…)').nullable().optional(),
  })
  .strict();

const BankAccountObject = z.object({ object: z.literal('bank_account'), last4: z.string(), country: z.string(), currency: z.string() });

export const PayoutSettingsObject = z.object({
  object: z.literal('payout_settings'),
  schedule: z.object({ interval: z.enum(['daily', 'weekly', 'manual']), delay_days: z.number().int(), weekly_anchor: WEEKDAY.nullable() }),
  settlement_currency: z.string().nullable(),
  bank_account: BankAccountObject.nullable(),
  livemode: z.boolean(),
});

export const PayoutStatus = z.enum(['pending', 'in_transit', 'paid', 'failed', 'canceled']);

export const PayoutObject = z.object({
  id: z.string(),
  object: z.literal('payout'),
  amount: z.number().int(),
  currency: z.string(),
  status: PayoutStatus,
  arrival_date: z.number().int(),
  created: z.number().int(),
  method: z.literal('standard'),
  automatic: z.boolean(),
  balance_transaction: z.string(),
  failure_code: z.string().nullable(),
  failure_message: z.string().nullable(),
  destination: BankAccountObject,
  livemode: z.boolean(),
  description: z.string().nullable(),
});

export const PayoutList = z.object({ object: z.literal('list'), data: z.array(PayoutObject), has_more: z.boolean(), url: z.string() });

export const ListPayoutsQuery = z
  .object({
    status: PayoutStatus.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(10),
    starting_after: z.string().regex(/^po_[A-Za-z0-9]+$/).optional(),
  })
  .strict();

export const CreatePayoutRequest = z
  .object({
    amount: z.number().int().positive().max(MAX_AMOUNT),
    currency: Currency,
    description: z.string().max(500).optional(),
  })
  .strict();

export const CancelPayoutRequest = z.object({}).strict();

export const RunSettlementRequest = z
  .object({ settlement_date: z.iso.date().optional() })
  .strict();

export const SettlementRunObject = z.object({
  object: z.literal('settlement_run'),
  payouts: z.array(PayoutObject),
  /** `no_bank_account`, `nothing_available`, or null when payouts were made. */
  skipped_reason: z.string().nullable(),
});

export const BankWebhookAnswer = z.object({ received: z.literal(true) });

export type PayoutSettingsRequest = z.infer<typeof PayoutSettingsRequest>;
export type CreatePayoutRequest = z.infer<typeof CreatePayoutRequest>;
export type ListPayoutsQuery = z.infer<typeof ListPayoutsQuery>;
export type RunSettlementRequest = z.infer<typeof RunSettlementRequest>;
