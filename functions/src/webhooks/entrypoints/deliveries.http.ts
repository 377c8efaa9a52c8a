import { routeOf } from '../../catalogue/function-catalogue';
import type { RedeliverEventRequest } from '../../contracts/merchant-events.v1';
import { apiFunction } from '../../platform/http/api-handler';
import type { z } from 'zod';
import { listDeliveryAttempts } from '../application/list-delivery-attempts.query';
import { redeliverEvent } from '../application/redeliver-event.command';
import type { WebhooksTransaction } from '../application/webhook-endpoint.repository';
import type { WebhooksModule } from '../webhooks.module';

export const listDeliveryAttemptsHttp = (deps: () => WebhooksModule) =>
  apiFunction(routeOf('listDeliveryAttempts'), deps, {
    query: ({ merchant, params, query }) => listDeliveryAttempts(deps(), merchant, params.id, query as { webhook_endpoint?: string; limit: number }),
  });

// The task is created in `prepare` (never inside a transaction body that may run twice); the mutation only
// answers, and the idempotency record makes a retried request with the same key one redelivery.
export const redeliverEventHttp = (deps: () => WebhooksModule) =>
  apiFunction<WebhooksTransaction, Awaited<ReturnType<typeof redeliverEvent>>>(routeOf('redeliverEvent'), deps, {
    prepare: ({ merchant, params, body }) => redeliverEvent(deps(), merchant, params.id, (body as z.infer<typeof RedeliverEventRequest>).endpoint),
    mutation: async ({ prepared }) => prepared,
  });
