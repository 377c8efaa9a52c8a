import { routeOf } from '../../catalogue/function-catalogue';
import { UpdateRoutingRequest } from '../../contracts/routing-api.v1';
import { apiFunction } from '../../platform/http/api-handler';
import { ok } from '../../shared/result';
import { getRouting, RoutingDeps, updateRouting } from '../application/routing.command';
import type { PaymentsModule } from '../payments.module';

const routingOf = (d: PaymentsModule): RoutingDeps => ({ routing: d.routing, clock: d.clock, processors: (livemode) => d.processor.processors(livemode) });

export const getRoutingHttp = (deps: () => PaymentsModule) =>
  apiFunction(routeOf('getRouting'), deps, {
    query: async ({ merchant }) => ok(await getRouting(routingOf(deps()), merchant)),
  });

// The routing document has its own transaction: the change runs before the request's transaction,
// whose body only records the answer under the Idempotency-Key (a replayed key changes nothing).
export const updateRoutingHttp = (deps: () => PaymentsModule) =>
  apiFunction(routeOf('updateRouting'), deps, {
    prepare: ({ merchant, body }) => updateRouting(routingOf(deps()), merchant, body as UpdateRoutingRequest),
    mutation: async ({ prepared }) => prepared,
  });
