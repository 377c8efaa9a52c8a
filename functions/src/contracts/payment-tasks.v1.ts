import { z } from 'zod';

// Cloud Tasks queues and their payloads. Task names derive from the payment or refund id, so
// Cloud Tasks itself refuses a duplicate enqueue.
export const QUEUES = {
  authorize: 'payment-authorizations',
  capture: 'payment-captures',
  void: 'payment-voids',
  refund: 'refund-executions',
  fraud: 'fraud-scoring',
  sanctions: 'sanctions-screening',
  kyc: 'kyc-checks',
  settlements: 'settlements',
  payoutSubmissions: 'payout-submissions',
  webhookDeliveries: 'webhook-deliveries',
  // Retries of failed webhook deliveries, in a lane of their own: a failing endpoint's backlog never queues ahead of first attempts.
  webhookRetries: 'webhook-retries',
  // A merchant's dispute evidence or acceptance, forwarded to the processor the dispute came from.
  disputeResponses: 'dispute-responses',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const PaymentTaskV1 = z.object({ payment_id: z.string().regex(/^pay_[A-Za-z0-9]+$/) }).strict();
export const RefundTaskV1 = z.object({ refund_id: z.string().regex(/^re_[A-Za-z0-9]+$/) }).strict();

export const DisputeResponseTaskV1 = z.object({ dispute_id: z.string().regex(/^dp_[A-Za-z0-9]+$/), action: z.enum(['submit_evidence', 'accept']) }).strict();

export type PaymentTaskV1 = z.infer<typeof PaymentTaskV1>;
export type DisputeResponseTaskV1 = z.infer<typeof DisputeResponseTaskV1>;
export type RefundTaskV1 = z.infer<typeof RefundTaskV1>;

// Settlement: one task per merchant, mode and settlement date (settle-<merchant>-<mode>-<yyyymmdd>),
// and one per payout handed to the bank (submit-payout-<payoutId>).
export const SettleMerchantTaskV1 = z
  .object({
    merchant_id: z.string().regex(/^[A-Za-z0-9_]{1,100}$/),
    livemode: z.boolean(),
    settlement_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** The merchant's unsettled balance transactions as the daily scan found them: [id, currency, net, availableOnMs]; re-read by id in the settlement's transaction. */
    unsettled: z.array(z.tuple([z.string().regex(/^txn_[A-Za-z0-9_]{1,200}$/), z.string().regex(/^[a-z]{3}$/), z.number().int(), z.number().int()])).max(1000).optional(),
    /** When the scan that produced `unsettled` began (ms): a payout committed since makes the payload stale. */
    scanned_at_ms: z.number().int().min(0).optional(),
  })
  .strict();
export const SubmitPayoutTaskV1 = z.object({ payout_id: z.string().regex(/^po_[A-Za-z0-9]+$/) }).strict();

export type SettleMerchantTaskV1 = z.infer<typeof SettleMerchantTaskV1>;
export type SubmitPayoutTaskV1 = z.infer<typeof SubmitPayoutTaskV1>;
