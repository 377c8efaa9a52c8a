import { EVENTS_API_VERSION } from '../../contracts/merchant-events.v1';
import type { CreateWebhookEndpointRequest, WebhookEndpointObject } from '../../contracts/webhooks-api.v1';
import { ApiError, invalidRequest } from '../../shared/api-error';
import { newId } from '../../shared/ids';
import type { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
import { REFUSAL_MESSAGES } from '../domain/destination-policy';
import { MAX_ENDPOINTS_PER_MODE, SealedSecret, WebhookEndpoint } from '../domain/webhook-endpoint';
import type { DestinationGuard } from './destination-guard';
import type { WebhooksTransaction } from './webhook-endpoint.repository';
import { presentEndpoint } from './webhook-endpoint.presenter';
import { newSigningSecret } from './webhook-secret.generator';
import type { WebhookSecretSealer } from './webhook-secrets';

/** What is made once per request before the transaction: the URL checked after DNS, the id, the secret and its sealed form. */
export type EndpointPrepared = Result<{ id: string; secret: string; sealed: SealedSecret }, ApiError>;

export async function checkDestination(guard: DestinationGuard, url: string, livemode: boolean): Promise<Result<void, ApiError>> {
  const checked = await guard.check(url, livemode);
  return checked.ok ? ok(undefined) : err(invalidRequest('url_invalid', `${REFUSAL_MESSAGES[checked.error]} (${checked.error})`, 'url'));
}

export async function prepareEndpoint(deps: { guard: DestinationGuard; sealer: WebhookSecretSealer }, merchant: MerchantContext, request: CreateWebhookEndpointRequest): Promise<EndpointPrepared> {
  const destination = await checkDestination(deps.guard, request.url, merchant.livemode);
  if (!destination.ok) return destination;
  const id = newId('we');
  const secret = newSigningSecret();
  return ok({ id, secret, sealed: await deps.sealer.seal(id, secret) });
}

/** The transaction body: the per-mode cap, then the endpoint; the secret is answered once and stored only sealed. */
export async function createWebhookEndpoint(tx: WebhooksTransaction, merchant: MerchantContext, request: CreateWebhookEndpointRequest, prepared: EndpointPrepared, nowMs: number): Promise<Result<WebhookEndpointObject, ApiError>> {
  if (!prepared.ok) return prepared;
  if ((await tx.countEndpoints(merchant)) >= MAX_ENDPOINTS_PER_MODE) {
    return err(invalidRequest('webhook_endpoint_limit', `At most ${MAX_ENDPOINTS_PER_MODE} webhook endpoints per mode; delete one first.`));
  }
  const endpoint: WebhookEndpoint = {
    id: prepared.value.id,
    merchantId: merchant.merchantId,
    livemode: merchant.livemode,
    url: request.url,
    enabledEvents: [...new Set(request.enabled_events)],
    description: request.description ?? null,
    metadata: request.metadata ?? {},
    status: 'enabled',
    disabledReason: null,
    apiVersion: EVENTS_API_VERSION,
    createdMs: nowMs,
    updatedMs: nowMs,
    secret: prepared.value.sealed,
    previousSecret: null,
    previousSecretExpiresMs: null,
  };
  tx.saveEndpoint(endpoint);
  return ok(presentEndpoint(endpoint, prepared.value.secret));
}
