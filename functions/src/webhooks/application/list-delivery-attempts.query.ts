import { z } from 'zod';
import { DeliveryAttemptList } from '../../contracts/merchant-events.v1';
import { ApiError, notFound } from '../../shared/api-error';
import type { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
import type { DeliveryAttempt } from '../domain/delivery-attempt';
import type { WebhooksDeps } from './webhooks.deps';

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

