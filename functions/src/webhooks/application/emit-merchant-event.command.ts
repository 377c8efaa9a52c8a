import { QUEUES } from '../../contracts/payment-tasks.v1';
import type { PaymentEventV1 } from '../../contracts/payment-events.v1';
import type { WebhookDeliveryTaskV1 } from '../../contracts/webhooks-api.v1';
import { done, HandlerOutcome } from '../../platform/application/handler-outcome';
import type { MerchantEvent } from '../domain/merchant-event';
import { receives } from '../domain/webhook-endpoint';
import { toMerchantEvent } from './merchant-event.mapping';
import type { WebhooksDeps } from './webhooks.deps';

/** The named task of one delivery: one per (event, endpoint), so a repeated fan-out delivers nothing twice. */
export const deliveryTaskName = (eventId: string, endpointId: string): string => `whd-${eventId}-${endpointId}`;

/**
 * The consumer of the domain events: makes the merchant event (same id as the domain event) and fans it
 * out. A redelivered domain event finds its merchant event stored and re-creates the same named tasks;
 * an enqueue that fails throws, so Pub/Sub redelivers and the fan-out completes.
 */
export async function emitMerchantEventFromDomain(deps: Pick<WebhooksDeps, 'endpoints' | 'events' | 'tasks' | 'log'>, wire: PaymentEventV1): Promise<HandlerOutcome> {
  const mapped = toMerchantEvent(wire);
  if (mapped.kind === 'none') {
    // Ids and types only: never the object (it may hold what the merchant sees, not what logs may keep).
    if (mapped.anomaly) deps.log.info('no merchant event for this domain event', { event: wire.id, type: wire.type, reason: mapped.reason });
    return done(mapped.reason);
  }
  const fanned = await emitMerchantEvent(deps, mapped.event);
  return done(`${fanned.endpoints} endpoints${fanned.created ? '' : ' (event already stored)'}`);
}

/** Stores a merchant event addressed to the endpoints that take it now, then hands each delivery to the queue. */
export async function emitMerchantEvent(
  deps: Pick<WebhooksDeps, 'endpoints' | 'events' | 'tasks'>,
  event: Omit<MerchantEvent, 'endpointIds' | 'pendingEndpointIds'>,
  options: { exceptEndpointId?: string } = {},
): Promise<{ created: boolean; endpoints: number }> {
  const endpoints = (await deps.endpoints.listAll({ merchantId: event.merchantId, livemode: event.livemode })).filter((e) => receives(e, event.type) && e.id !== options.exceptEndpointId);
  const endpointIds = endpoints.map((e) => e.id);
  const stored = await deps.events.createOnce({ ...event, endpointIds, pendingEndpointIds: endpointIds });
  // The stored addressees, not today's: a redelivery re-creates exactly the first fan-out's tasks.
  // Concurrently: each endpoint's delivery is its own task, and none waits for another's enqueue.
  await Promise.all(
    stored.event.endpointIds.map((endpointId) => {
      const task: WebhookDeliveryTaskV1 = { event_id: stored.event.id, endpoint_id: endpointId, merchant_id: stored.event.merchantId, livemode: stored.event.livemode, trigger: 'automatic', retry: 0, waits: 0 };
      return deps.tasks.enqueue(QUEUES.webhookDeliveries, deliveryTaskName(stored.event.id, endpointId), task);
    }),
  );
  return { created: stored.created, endpoints: stored.event.endpointIds.length };
}
