import { z } from 'zod';
import { RedeliverEventResponse } from '../../contracts/merchant-events.v1';
import { QUEUES } from '../../contracts/payment-tasks.v1';
import type { WebhookDeliveryTaskV1 } from '../../contracts/webhooks-api.v1';
import { ApiError, invalidRequest, notFound } from '../../shared/api-error';
import { newId } from '../../shared/ids';
import type { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
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
  const task: WebhookDeliveryTaskV1 = { event_id: event.id, endpoint_id: endpoint.id, merchant_id: merchant.merchantId, livemode: merchant.livemode, trigger: 'redeliver', redelivery_id: redeliveryId, retry: 0, waits: 0 };
  await deps.tasks.enqueue(QUEUES.webhookDeliveries, `whr-${event.id}-${endpoint.id}-${redeliveryId}`, task);
  return ok({ object: 'webhook_redelivery', event: event.id, webhook_endpoint: endpoint.id, status: 'queued' });
}
