import { z } from 'zod';
import { EventTypePattern } from './merchant-events.v1';

// Webhook endpoints (Stripe's WebhookEndpoint object). The signing secret is shown once, on creation
// (and a new one once, on rotation); it is stored sealed (envelope encryption) and never returned again.

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048);
const enabledEvents = z.array(EventTypePattern).min(1).max(50);
const metadata = z.record(z.string().max(40), z.string().max(500)).refine((m) => Object.keys(m).length <= 20, { error: 'at most 20 keys' });

export const CreateWebhookEndpointRequest = z
  .object({ url, enabled_events: enabledEvents, description: z.string().max(500).optional(), metadata: metadata.optional() })
  .strict();
export type CreateWebhookEndpointRequest = z.infer<typeof CreateWebhookEndpointRequest>;

/** POST /v1/webhook_endpoints/{id}: any subset; `disabled: true` stops deliveries, `false` resumes them. */
export const UpdateWebhookEndpointRequest = z
  .object({ url: url.optional(), enabled_events: enabledEvents.optional(), description: z.string().max(500).nullable().optional(), disabled: z.boolean().optional(), metadata: metadata.optional() })
  .strict();
export type UpdateWebhookEndpointRequest = z.infer<typeof UpdateWebhookEndpointRequest>;

/** POST /v1/webhook_endpoints/{id}/rotate_secret: how long the old secret keeps signing (default and maximum 24 h). */
export const RotateWebhookSecretRequest = z.object({ expire_old_secret_in_hours: z.number().int().min(0).max(24).default(24) }).strict();
export type RotateWebhookSecretRequest = z.infer<typeof RotateWebhookSecretRequest>;

export const WebhookEndpointObject = z.object({
  id: z.string(),
  object: z.literal('webhook_endpoint'),
  url: z.string(),
  enabled_events: z.array(z.string()),
  description: z.string().nullable(),
  /** `disabled` by the merchant or, after 3 days of failed deliveries, by the platform (see disabled_reason). */
  status: z.enum(['enabled', 'disabled']),
  disabled_reason: z.enum(['merchant', 'failing']).nullable(),
  api_version: z.string(),
  created: z.number().int(),
  livemode: z.boolean(),
  metadata: z.record(z.string(), z.string()),
  /** Returned only by create and rotate_secret: `whsec_` + base64 of 32 random bytes (Standard Webhooks). */
  secret: z.string().optional(),
  /** Unix seconds until which the previous secret also signs (after a rotation), else null. */
  previous_secret_expires_at: z.number().int().nullable(),
});
export type WebhookEndpointObject = z.infer<typeof WebhookEndpointObject>;

export const WebhookEndpointList = z.object({ object: z.literal('list'), data: z.array(WebhookEndpointObject), has_more: z.boolean(), url: z.string() });

export const ListWebhookEndpointsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(10),
    starting_after: z.string().regex(/^we_[A-Za-z0-9_]+$/, { error: 'must be a webhook endpoint id (we_…)' }).optional(),
  })
  .strict();

export const DeletedWebhookEndpoint = z.object({ id: z.string(), object: z.literal('webhook_endpoint'), deleted: z.literal(true) });

/** The Cloud Task body of one delivery (queue `webhook-deliveries`); the task name is derived from it. */
export const WebhookDeliveryTaskV1 = z.object({
  event_id: z.string().regex(/^evt_[A-Za-z0-9_]+$/),
  endpoint_id: z.string().regex(/^we_[A-Za-z0-9_]+$/),
  merchant_id: z.string().min(1),
  livemode: z.boolean(),
  trigger: z.enum(['automatic', 'redeliver']),
  /** A redelivery's own id, so it is a new task beside the original delivery's. */
  redelivery_id: z.string().optional(),
  /** Retries so far (0: the first attempt); a retry runs in the `webhook-retries` lane. */
  retry: z.number().int().min(0).max(10_000).default(0),
  /** Times this delivery waited out its endpoint's cool-off or call limit without a call (part of the retry task's name). */
  waits: z.number().int().min(0).max(100_000).default(0),
  /** When the first attempt ran (ms): retries stop 3 days after it. */
  first_attempt_ms: z.number().int().min(0).optional(),
});
export type WebhookDeliveryTaskV1 = z.infer<typeof WebhookDeliveryTaskV1>;
