import { z } from 'zod';
import { Payment } from '../domain/payment';
import { Refund } from '../domain/refund';

// Documents are validated when read back: a document written by an older version, or edited by
// hand, fails loudly here instead of corrupting a decision.
const Card = z.object({ brand: z.string(), last4: z.string(), country: z.string(), fingerprint: z.string() });

export const PaymentDocument = z.object({
  id: z.string(),
  merchantId: z.string(),
  livemode: z.boolean(),
  amount: z.number().int(),
  currency: z.string(),
  status: z.enum(['processing', 'requires_review', 'requires_capture', 'succeeded', 'failed', 'canceled']),
  stage: z.enum(['gates', 'authorizing', 'capturing', 'done']),
  captureMethod: z.enum(['automatic', 'manual']),
  amountCapturable: z.number().int(),
  amountCaptured: z.number().int(),
  amountRefunded: z.number().int(),
  paymentMethod: z.string(),
  customer: z
    .object({ name: z.string().optional(), email: z.string().optional(), country: z.string().optional(), ip: z.string().optional(), device_id: z.string().optional() })
    .nullable(),
  description: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  gatesPassed: z.array(z.string()),
  reviewGate: z.string().nullable().default(null),
  risk: z.object({ score: z.number().int(), level: z.string(), decision: z.string(), reasons: z.array(z.string()) }).nullable().default(null),
  authorization: z.object({ id: z.string(), card: Card }).nullable(),
  captureRequested: z.number().int().nullable(),
  captureId: z.string().nullable(),
  fee: z.number().int(),
  holdReleased: z.boolean().optional(),
  createdMs: z.number().int(),
  updatedMs: z.number().int(),
}) satisfies z.ZodType<Payment>;

export const RefundDocument = z.object({
  id: z.string(),
  paymentId: z.string(),
  merchantId: z.string(),
  livemode: z.boolean(),
  amount: z.number().int(),
  currency: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  processorRefundId: z.string().nullable(),
  failureReason: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
  createdMs: z.number().int(),
  updatedMs: z.number().int(),
}) satisfies z.ZodType<Refund>;

// Firestore rejects `undefined` values; optional fields are dropped instead.
export const withoutUndefined = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
