import { z } from 'zod';
import { isSupportedCurrency } from '../shared/currency';
import { MAX_AMOUNT } from '../shared/money';

// Request and response bodies of the merchant API. The same schemas validate requests and
// generate the OpenAPI document, so the documentation cannot drift from the behaviour.
const amount = z.number().int().positive().max(MAX_AMOUNT);
const metadata = z
  .record(z.string().min(1).max(40), z.string().max(500))
  .refine((m) => Object.keys(m).length <= 20, { message: 'metadata can have at most 20 keys' });

export const Currency = z
  .string()
  .regex(/^[a-z]{3}$/, 'currency must be a lower-case ISO 4217 code')
  .refine(isSupportedCurrency, { message: 'unsupported currency' });

export const CustomerInput = z
  .object({
    /** The merchant's own customer reference: an app user linked to it (POST /v1/customers/{id}/app_user) sees this payment in the app. */
    id: z.string().regex(/^(?!__)[A-Za-z0-9_-]{1,64}$/, 'customer.id: letters, digits, _ and -, at most 64').optional(),
    name: z.string().min(1).max(200).optional(),
    email: z.email().max(320).optional(),
    country: z.string().regex(/^[A-Z]{2}$/, 'country must be an ISO 3166-1 alpha-2 code').optional(),
    ip: z.union([z.ipv4(), z.ipv6()]).optional(),
    device_id: z.string().min(1).max(200).optional(),
  })
  .strict();

export const CreatePaymentRequest = z
  .object({
    amount,
    currency: Currency,
    payment_method: z.string().regex(/^pm_[A-Za-z0-9_]{1,100}$/, 'payment_method must be a payment method token (pm_...)'),
    capture_method: z.enum(['automatic', 'manual']).default('automatic'),
    customer: CustomerInput.optional(),
    description: z.string().max(1000).optional(),
    metadata: metadata.optional(),
  })
  .strict();

export const CapturePaymentRequest = z.object({ amount_to_capture: amount.optional() }).strict();
export const CancelPaymentRequest = z.object({}).strict();

export const CreateRefundRequest = z
  .object({
    payment: z.string().regex(/^pay_[A-Za-z0-9]+$/, 'payment must be a payment id (pay_...)'),
    amount: amount.optional(),
    metadata: metadata.optional(),
  })
  .strict();

export const ListPaymentsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(10),
    starting_after: z.string().regex(/^pay_[A-Za-z0-9]+$/).optional(),
  })
  .strict();

/** GET /v1/openapi.json: the OpenAPI 3.1 document itself. */
export const OpenApiDocumentObject = z.record(z.string(), z.unknown());

export const ErrorObject = z.object({
  error: z.object({
    type: z.enum(['invalid_request_error', 'authentication_error', 'idempotency_error', 'card_error', 'api_error', 'rate_limit_error', 'permission_error']),
    code: z.string(),
    message: z.string(),
    param: z.string().nullable(),
  }),
});

export const PaymentObject = z.object({
  id: z.string(),
  object: z.literal('payment'),
  amount: z.number().int(),
  amount_capturable: z.number().int(),
  amount_captured: z.number().int(),
  amount_refunded: z.number().int(),
  currency: z.string(),
  status: z.enum(['processing', 'requires_review', 'requires_capture', 'succeeded', 'failed', 'canceled']),
  capture_method: z.enum(['automatic', 'manual']),
  payment_method: z.string(),
  description: z.string().nullable(),
  created: z.number().int(),
  livemode: z.boolean(),
  metadata: z.record(z.string(), z.string()),
  last_error: z.object({ code: z.string(), message: z.string() }).nullable(),
  card: z.object({ brand: z.string(), last4: z.string(), country: z.string() }).nullable(),
  risk: z.object({ score: z.number().int(), level: z.string(), decision: z.string(), reasons: z.array(z.string()) }).nullable().optional(),
  /** The processor that authorised the payment (every capture and refund goes there), null before authorisation. */
  processor: z.enum(['sandbox_processor', 'euro_acquirer']).nullable().optional(),
  /** Every authorisation attempt, oldest first: which processor, what came of it, how long it took. */
  attempts: z
    .array(
      z.object({
        processor: z.enum(['sandbox_processor', 'euro_acquirer']),
        outcome: z.enum(['authorized', 'declined', 'not_reached', 'unknown']),
        code: z.string().nullable(),
        latency_ms: z.number().int(),
        created: z.number().int(),
      }),
    )
    .optional(),
});

export const PaymentList = z.object({ object: z.literal('list'), data: z.array(PaymentObject), has_more: z.boolean(), url: z.string() });

export const RefundObject = z.object({
  id: z.string(),
  object: z.literal('refund'),
  amount: z.number().int(),
  currency: z.string(),
  payment: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  failure_reason: z.string().nullable(),
  created: z.number().int(),
  metadata: z.record(z.string(), z.string()),
});

const BalanceAmount = z.object({ amount: z.number().int(), currency: z.string() });
export const BalanceObject = z.object({ object: z.literal('balance'), available: z.array(BalanceAmount), pending: z.array(BalanceAmount), livemode: z.boolean() });

export type CreatePaymentRequest = z.infer<typeof CreatePaymentRequest>;
export type CreateRefundRequest = z.infer<typeof CreateRefundRequest>;
export type PaymentObject = z.infer<typeof PaymentObject>;
export type RefundObject = z.infer<typeof RefundObject>;
