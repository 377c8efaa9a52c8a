import type { EventList, ListEventsQuery } from '../../contracts/merchant-events.v1';
import type { MerchantContext } from '../../shared/merchant-context';
import type { z } from 'zod';
import { presentEvent } from './event.presenter';
import type { MerchantEventStore } from './merchant-event.store';

/** Newest first, this merchant and mode only; `type` takes an exact type, `group.*` or `*`. */
export async function listEvents(events: MerchantEventStore, merchant: MerchantContext, query: ListEventsQuery): Promise<z.infer<typeof EventList>> {
  const seconds = (value: string | undefined) => (value === undefined ? undefined : Number(value) * 1000);
  const lte = seconds(query['created[lte]']);
  const page = await events.list(merchant, {
    type: query.type === '*' ? undefined : query.type,
    createdGteMs: seconds(query['created[gte]']),
    // created is in whole seconds: `lte` takes the whole second.
    createdLteMs: lte === undefined ? undefined : lte + 999,
    limit: query.limit,
    startingAfter: query.starting_after,
  });
  return { object: 'list', data: page.events.map(presentEvent), has_more: page.hasMore, url: '/v1/events' };
}
