import type { WebhookEndpointList, WebhookEndpointObject } from '../../contracts/webhooks-api.v1';
import { ApiError, notFound } from '../../shared/api-error';
import type { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
import type { z } from 'zod';
import type { WebhookEndpointReader } from './webhook-endpoint.repository';
import { presentEndpoint } from './webhook-endpoint.presenter';

export async function getWebhookEndpoint(endpoints: WebhookEndpointReader, merchant: MerchantContext, id: string): Promise<Result<WebhookEndpointObject, ApiError>> {
  const endpoint = await endpoints.get(merchant, id);
  return endpoint ? ok(presentEndpoint(endpoint)) : err(notFound('webhook endpoint', id));
}

export async function listWebhookEndpoints(endpoints: WebhookEndpointReader, merchant: MerchantContext, page: { limit: number; startingAfter?: string }): Promise<z.infer<typeof WebhookEndpointList>> {
  const found = await endpoints.list(merchant, page);
  return { object: 'list', data: found.endpoints.map((endpoint) => presentEndpoint(endpoint)), has_more: found.hasMore, url: '/v1/webhook_endpoints' };
}
