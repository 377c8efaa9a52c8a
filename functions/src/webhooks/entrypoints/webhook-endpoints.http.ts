import { routeOf } from '../../catalogue/function-catalogue';
import type { CreateWebhookEndpointRequest, RotateWebhookSecretRequest, UpdateWebhookEndpointRequest } from '../../contracts/webhooks-api.v1';
import { apiFunction } from '../../platform/http/api-handler';
import { ApiError } from '../../shared/api-error';
import { ok, Result } from '../../shared/result';
import { deleteWebhookEndpoint, prepareRotation, prepareUpdate, RotationPrepared, rotateWebhookSecret, updateWebhookEndpoint } from '../application/change-webhook-endpoint.commands';
import { createWebhookEndpoint, EndpointPrepared, prepareEndpoint } from '../application/create-webhook-endpoint.command';
import { getWebhookEndpoint, listWebhookEndpoints } from '../application/get-webhook-endpoint.query';
import type { WebhooksTransaction } from '../application/webhook-endpoint.repository';
import type { WebhooksModule } from '../webhooks.module';

// The URL check (DNS) and the secret's sealing (KMS) run in `prepare`, once, before the transaction.
export const createWebhookEndpointHttp = (deps: () => WebhooksModule) =>
  apiFunction<WebhooksTransaction, EndpointPrepared>(routeOf('createWebhookEndpoint'), deps, {
    prepare: ({ merchant, body }) => prepareEndpoint(deps(), merchant, body as CreateWebhookEndpointRequest),
    mutation: ({ merchant, body, tx, prepared }) => createWebhookEndpoint(tx, merchant, body as CreateWebhookEndpointRequest, prepared, deps().clock.nowMs()),
  });

export const listWebhookEndpointsHttp = (deps: () => WebhooksModule) =>
  apiFunction(routeOf('listWebhookEndpoints'), deps, {
    query: async ({ merchant, query }) => {
      const { limit, starting_after } = query as { limit: number; starting_after?: string };
      return ok(await listWebhookEndpoints(deps().endpoints, merchant, { limit, startingAfter: starting_after }));
    },
  });

export const getWebhookEndpointHttp = (deps: () => WebhooksModule) =>
  apiFunction(routeOf('getWebhookEndpoint'), deps, { query: ({ merchant, params }) => getWebhookEndpoint(deps().endpoints, merchant, params.id) });

export const updateWebhookEndpointHttp = (deps: () => WebhooksModule) =>
  apiFunction<WebhooksTransaction, Result<void, ApiError>>(routeOf('updateWebhookEndpoint'), deps, {
    prepare: ({ merchant, body }) => prepareUpdate(deps().guard, merchant, body as UpdateWebhookEndpointRequest),
    mutation: ({ merchant, params, body, tx, prepared }) => updateWebhookEndpoint(tx, merchant, params.id, body as UpdateWebhookEndpointRequest, prepared, deps().clock.nowMs()),
  });

export const deleteWebhookEndpointHttp = (deps: () => WebhooksModule) =>
  apiFunction<WebhooksTransaction>(routeOf('deleteWebhookEndpoint'), deps, { mutation: ({ merchant, params, tx }) => deleteWebhookEndpoint(tx, merchant, params.id) });

export const rotateWebhookSecretHttp = (deps: () => WebhooksModule) =>
  apiFunction<WebhooksTransaction, RotationPrepared>(routeOf('rotateWebhookSecret'), deps, {
    prepare: ({ params }) => prepareRotation(deps().sealer, params.id),
    mutation: ({ merchant, params, body, tx, prepared }) => rotateWebhookSecret(tx, merchant, params.id, body as RotateWebhookSecretRequest, prepared, deps().clock.nowMs()),
  });
