import { z } from 'zod';

// Wire format of the payment events on Pub/Sub: CloudEvents 1.0 in the Pub/Sub binding, i.e. the
// message data is the event's `data` as JSON and the context attributes travel as `ce-*` attributes.
export const PAYMENT_EVENTS_TOPIC = 'payment-events';
export const EVENT_SOURCE = '//payments.api/v1';

// The facts other parts act on (AML monitoring, fraud outcomes, later merchant webhooks and settlement).
// Chain bookkeeping is not published: steps hand over to each other as named Cloud Tasks.
export const PaymentEventTypeV1 = z.enum([
  'payment.created',
  'payment.review_opened',
  'payment.authorized',
  'payment.capture_requested',
  'payment.succeeded',
  'payment.failed',
  'payment.canceled',
  'refund.created',
  'refund.succeeded',
  'refund.failed',
  // Money out (settlement context): a payout's life and the merchant's available balance after a settlement.
  'payout.created',
  'payout.paid',
  'payout.failed',
  'payout.canceled',
  'balance.available',
  // A review closed by an analyst (approved or rejected) or by expiry; the data's object is the review.
  'review.closed',
  // A merchant's or customer's KYC/KYB verification changed status (identity context).
  'account.verification_updated',
  // A cardholder's dispute of a captured payment (payments context): its life and the money it moves.
  'dispute.created',
  'dispute.updated',
  'dispute.closed',
  'dispute.funds_withdrawn',
  'dispute.funds_reinstated',
]);

/** The settlement context's event types: published whether or not a consumer subscribes yet (see the composition root). */
export const MONEY_OUT_EVENT_TYPES = ['payout.created', 'payout.paid', 'payout.failed', 'payout.canceled', 'balance.available'] as const satisfies ReadonlyArray<z.infer<typeof PaymentEventTypeV1>>;

export const PaymentEventDataV1 = z.object({
  /** The payment's id; on payout and balance events the id of the object the event is about (the payout, the settlement run). */
  payment_id: z.string().min(1),
  /** Payout events: the payout. */
  payout_id: z.string().optional(),
  merchant_id: z.string().min(1),
  /** The payment's mode. Optional: events written before it was added do not carry it. */
  livemode: z.boolean().optional(),
  refund_id: z.string().optional(),
  /** Dispute events: the dispute. */
  dispute_id: z.string().optional(),
  gate: z.string().optional(),
  amount: z.number().int().optional(),
  currency: z.string().optional(),
  code: z.string().optional(),
  score: z.number().int().min(0).max(99).optional(),
  decision: z.enum(['allow', 'review', 'block']).optional(),
  authorization_id: z.string().nullable().optional(),
  /**
   * The object the event is about as the merchant API shows it at the moment of the change (payment,
   * refund, review, payout, balance, account verification): what a merchant event's `data.object` carries.
   * Never card data, personal data the API does not show, or staff-only compliance details.
   */
  object: z.record(z.string(), z.unknown()).optional(),
  /** The changed fields' values before the change, where the producer knows them. */
  previous_attributes: z.record(z.string(), z.unknown()).optional(),
});

export const CloudEventAttributesV1 = z.object({
  'ce-id': z.string().min(1),
  'ce-type': PaymentEventTypeV1,
  'ce-source': z.string(),
  'ce-specversion': z.literal('1.0'),
  'ce-time': z.string(),
  'ce-subject': z.string(),
});

// A push subscription POSTs the Pub/Sub message in this envelope; the CloudEvent context travels
// in the message's ce-* attributes (the relay's binding), the event data in the message data.
export const PubsubPushEnvelope = z.object({
  message: z.object({ data: z.string().optional(), attributes: z.record(z.string(), z.string()).optional(), messageId: z.string().optional() }),
});

export const PaymentEventV1 = z.object({
  id: z.string().min(1),
  type: PaymentEventTypeV1,
  time: z.string(),
  subject: z.string(),
  data: PaymentEventDataV1,
});

export type PaymentEventV1 = z.infer<typeof PaymentEventV1>;
export type PaymentEventDataV1 = z.infer<typeof PaymentEventDataV1>;
export type PaymentEventTypeV1 = z.infer<typeof PaymentEventTypeV1>;

export const toPubsubAttributes = (event: PaymentEventV1): Record<string, string> => ({
  'ce-id': event.id,
  'ce-type': event.type,
  'ce-source': EVENT_SOURCE,
  'ce-specversion': '1.0',
  'ce-time': event.time,
  'ce-subject': event.subject,
  'content-type': 'application/json',
});
