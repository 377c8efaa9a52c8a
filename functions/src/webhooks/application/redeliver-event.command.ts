import { z } from 'zod';
import { DeliveryAttemptList, RedeliverEventResponse } from '../../contracts/merchant-events.v1';
import { QUEUES } from '../../contracts/payment-tasks.v1';
import type { WebhookDeliveryTaskV1 } from '../../contracts/webhooks-api.v1';
import { ApiError, invalidRequest, notFound } from '../../shared/api-error';
import { newId } from '../../shared/ids';
import type { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
import type { DeliveryAttempt } from '../domain/delivery-attempt';
import type { WebhooksDeps } from './webhooks.deps';

/**
 * `POST /v1/events/{id}/redeliver`: the event to one of the merchant's enabled endpoints (same mode), now, as
 * one more attempt recorded with trigger `redeliver` (never retried: the merchant asks again if it fails).
 * The task is created here, before the reply; its own name makes a repeated request a second redelivery,
 * which is what a merchant clicking twice asked for.
 */
export async function redeliverEvent(deps: Pick<WebhooksDeps, 'events' | 'endpoints' | 'tasks'>, merchant: MerchantContext, eventId: string, endpointId: string): Promise<Result<z.infer<typeof RedeliverEventResponse>, ApiError>> {
  const event = await deps.events.get(merchant, eventId);
  if (!event) return err(notFound('event', eventId));
  const endpoint = await deps.endpoints.get(merchant, endpointId);
  if (!endpoint) return err(notFound('webhook endpoint', endpointId));
  if (endpoint.status !== 'enabled') return err(invalidRequest('endpoint_disabled', `Webhook endpoint ${endpointId} is disabled; enable it first.`, 'endpoint'));
  const redeliveryId = newId('whr');
  const task: WebhookDeliveryTaskV1 = { event_id: event.id, endpoint_id: endpoint.id, merchant_id: merchant.merchantId, livemode: merchant.livemode, trigger: 'redeliver', redelivery_id: redeliveryId };
  await deps.tasks.enqueue(QUEUES.webhookDeliveries, `whr-${event.id}-${endpoint.id}-${redeliveryId}`, task);
  return ok({ object: 'webhook_redelivery', event: event.id, webhook_endpoint: endpoint.id, status: 'queued' });
}

export const presentAttempt = (a: DeliveryAttempt) => ({
  id: a.id,
  object: 'webhook_delivery_attempt' as const,
  event: a.eventId,
  webhook_endpoint: a.endpointId,
  attempted_at_ms: a.attemptedAtMs,
  outcome: a.outcome,
  status_code: a.statusCode,
  latency_ms: a.latencyMs,
  error: a.error,
  response_body: a.responseBody,
  trigger: a.trigger,
});

/** `GET /v1/events/{id}/delivery_attempts`: newest first, optionally one endpoint's. */
export async function listDeliveryAttempts(deps: Pick<WebhooksDeps, 'events'>, merchant: MerchantContext, eventId: string, query: { webhook_endpoint?: string; limit: number }): Promise<Result<z.infer<typeof DeliveryAttemptList>, ApiError>> {
  const event = await deps.events.get(merchant, eventId);
  if (!event) return err(notFound('event', eventId));
  const attempts = await deps.events.listAttempts(merchant, eventId, { endpointId: query.webhook_endpoint, limit: query.limit + 1 });
  return ok({ object: 'list', data: attempts.slice(0, query.limit).map(presentAttempt), has_more: attempts.length > query.limit, url: `/v1/events/${eventId}/delivery_attempts` });
}

