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
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const PaymentTaskV1 = z.object({ payment_id: z.string().regex(/^pay_[A-Za-z0-9]+$/) }).strict();
export const RefundTaskV1 = z.object({ refund_id: z.string().regex(/^re_[A-Za-z0-9]+$/) }).strict();

export type PaymentTaskV1 = z.infer<typeof PaymentTaskV1>;
export type RefundTaskV1 = z.infer<typeof RefundTaskV1>;
