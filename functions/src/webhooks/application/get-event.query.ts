import type { EventObject } from '../../contracts/merchant-events.v1';
import { ApiError, notFound } from '../../shared/api-error';
import type { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
import { presentEvent } from './event.presenter';
import type { MerchantEventStore } from './merchant-event.store';

/** GET /v1/events/{id}: another merchant's or the other mode's event is a 404, like one that never existed. */
export async function getEvent(events: MerchantEventStore, merchant: MerchantContext, id: string): Promise<Result<EventObject, ApiError>> {
  const event = await events.get(merchant, id);
  return event ? ok(presentEvent(event)) : err(notFound('event', id));
}
