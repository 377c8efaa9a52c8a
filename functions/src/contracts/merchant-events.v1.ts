import { z } from 'zod';
import { PaymentEventTypeV1 } from './payment-events.v1';

// The merchant-facing events (Stripe's Event object) and their webhook deliveries (Standard Webhooks).
// They are made from the domain events on the topic (contracts/payment-events.v1.ts) by the webhooks
// context: one domain event, at most one merchant event, with the same id.

/** The API version events are rendered in: bumped only with a breaking change to an object's shape. */
export const EVENTS_API_VERSION = '2026-11-01';

export const MERCHANT_EVENT_TYPES_V1 = [
  'payment.processing',
  'payment.requires_capture',
  'payment.requires_review',
  'payment.succeeded',
  'payment.failed',
  'payment.canceled',
  'review.closed',
  'refund.created',
  'refund.succeeded',
  'refund.failed',
  'account.verification_updated',
  'payout.created',
  'payout.paid',
  'payout.failed',
  'payout.canceled',
  'balance.available',
  'dispute.created',
  'dispute.updated',
  'dispute.closed',
  'dispute.funds_withdrawn',
  'dispute.funds_reinstated',
  'webhook_endpoint.disabled',
] as const;
/**
 * The domain (wire) event types a merchant event is made from: every type but the chain's internal
 * capture request (the payment stays `processing`; its outcome is the event). The subscription of the
 * merchant-events consumer delivers exactly these (function-catalogue.ts).
 */
export const MERCHANT_VISIBLE_DOMAIN_EVENT_TYPES = PaymentEventTypeV1.options.filter((type) => type !== 'payment.capture_requested');

export const MerchantEventTypeV1 = z.enum(MERCHANT_EVENT_TYPES_V1);
export type MerchantEventTypeV1 = z.infer<typeof MerchantEventTypeV1>;

/**
 * An event-type pattern: an exact type, `<group>.*` (e.g. `payment.*`) or `*`. Endpoints subscribe with
 * these and `GET /v1/events?type=` filters with them; a pattern that can never match is refused.
 */
export const EventTypePattern = z.string().refine(
  (pattern) => pattern === '*' || (MERCHANT_EVENT_TYPES_V1 as readonly string[]).includes(pattern) || (pattern.endsWith('.*') && MERCHANT_EVENT_TYPES_V1.some((type) => type.startsWith(pattern.slice(0, -1)))),
  { error: 'must be an event type (e.g. payment.succeeded), a group wildcard (e.g. payment.*) or *' },
);

export const EventObject = z.object({
  id: z.string(),
  object: z.literal('event'),
  type: MerchantEventTypeV1,
  api_version: z.string(),
  /** Unix seconds: when the change happened (the domain event's time), not when the event was rendered. */
  created: z.number().int(),
  livemode: z.boolean(),
  data: z.object({
    /** The object as the API showed it at that moment (payment, refund, review, payout, balance, account verification, webhook endpoint). */
    object: z.record(z.string(), z.unknown()),
    /** The fields that changed, with their values before the change, where the producer knows them. */
    previous_attributes: z.record(z.string(), z.unknown()).optional(),
  }),
  /** How many endpoints have not yet received it with a 2xx. */
  pending_webhooks: z.number().int().min(0),
});
export type EventObject = z.infer<typeof EventObject>;

export const EventList = z.object({ object: z.literal('list'), data: z.array(EventObject), has_more: z.boolean(), url: z.string() });

const unixSeconds = z.string().regex(/^\d{1,12}$/, { error: 'must be a unix time in seconds' });

/** GET /v1/events. Express 5 parses `created[gte]=…` as that literal key. */
export const ListEventsQuery = z
  .object({
    type: EventTypePattern.optional(),
    'created[gte]': unixSeconds.optional(),
    'created[lte]': unixSeconds.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(10),
    starting_after: z.string().regex(/^evt_[A-Za-z0-9_]+$/, { error: 'must be an event id (evt_…)' }).optional(),
  })
  .strict();
export type ListEventsQuery = z.infer<typeof ListEventsQuery>;

export const DeliveryAttemptObject = z.object({
  id: z.string(),
  object: z.literal('webhook_delivery_attempt'),
  event: z.string(),
  webhook_endpoint: z.string(),
  /** Unix milliseconds: attempts of one delivery can fall in the same second. */
  attempted_at_ms: z.number().int(),
  outcome: z.enum(['succeeded', 'failed']),
  /** The HTTP status, or null when no response arrived (timeout, refused connection, refused address). */
  status_code: z.number().int().nullable(),
  latency_ms: z.number().int().min(0),
  /** Why it failed: `timeout`, `connection_error`, `http_status`, `redirect`, `address_refused`, `endpoint_disabled`. */
  error: z.string().nullable(),
  /** The first 1 KB of the response body. */
  response_body: z.string().nullable(),
  /** `automatic` (the delivery and its retries) or `redeliver` (asked for through the API). */
  trigger: z.enum(['automatic', 'redeliver']),
});
export type DeliveryAttemptObject = z.infer<typeof DeliveryAttemptObject>;

export const DeliveryAttemptList = z.object({ object: z.literal('list'), data: z.array(DeliveryAttemptObject), has_more: z.boolean(), url: z.string() });

export const ListDeliveryAttemptsQuery = z
  .object({
    webhook_endpoint: z.string().regex(/^we_[A-Za-z0-9_]+$/, { error: 'must be a webhook endpoint id (we_…)' }).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

/** POST /v1/events/{id}/redeliver */
export const RedeliverEventRequest = z.object({ endpoint: z.string().regex(/^we_[A-Za-z0-9_]+$/, { error: 'must be a webhook endpoint id (we_…)' }) }).strict();
export const RedeliverEventResponse = z.object({ object: z.literal('webhook_redelivery'), event: z.string(), webhook_endpoint: z.string(), status: z.literal('queued') });
