import { routeOf } from '../../catalogue/function-catalogue';
import type { ListEventsQuery } from '../../contracts/merchant-events.v1';
import { apiFunction } from '../../platform/http/api-handler';
import { ok } from '../../shared/result';
import { getEvent } from '../application/get-event.query';
import { listEvents } from '../application/list-events.query';
import type { WebhooksModule } from '../webhooks.module';

export const listEventsHttp = (deps: () => WebhooksModule) =>
  apiFunction(routeOf('listEvents'), deps, { query: async ({ merchant, query }) => ok(await listEvents(deps().events, merchant, query as ListEventsQuery)) });

export const getEventHttp = (deps: () => WebhooksModule) => apiFunction(routeOf('getEvent'), deps, { query: ({ merchant, params }) => getEvent(deps().events, merchant, params.id) });
