import type { EventObject } from '../../contracts/merchant-events.v1';
import { toUnixSeconds } from '../../shared/clock';
import type { MerchantEvent } from '../domain/merchant-event';

/** The Event object (Stripe's shape), as listed by the API and sent as a webhook's body. */
export const presentEvent = (event: MerchantEvent): EventObject => ({
  id: event.id,
  object: 'event',
  type: event.type as EventObject['type'],
  api_version: event.apiVersion,
  created: toUnixSeconds(event.createdMs),
  livemode: event.livemode,
  data: { object: { ...event.object }, ...(event.previousAttributes ? { previous_attributes: { ...event.previousAttributes } } : {}) },
  pending_webhooks: event.pendingEndpointIds.length,
});
