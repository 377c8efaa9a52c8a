import type { RotateWebhookSecretRequest, UpdateWebhookEndpointRequest, WebhookEndpointObject } from '../../contracts/webhooks-api.v1';
import { ApiError, notFound } from '../../shared/api-error';
import type { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
import type { SealedSecret, WebhookEndpoint } from '../domain/webhook-endpoint';
import type { DestinationGuard } from './destination-guard';
import { checkDestination } from './create-webhook-endpoint.command';
import type { WebhooksTransaction } from './webhook-endpoint.repository';
import { presentEndpoint } from './webhook-endpoint.presenter';
import { newSigningSecret } from './webhook-secret.generator';
import type { WebhookSecretSealer } from './webhook-secrets';

// Update, delete and rotate: each reads the merchant's endpoint in the transaction (another merchant's or
// mode's is a 404), so a concurrent change is never lost.

/** A new URL is checked (after DNS) before the transaction, like a new endpoint's. */
export const prepareUpdate = async (guard: DestinationGuard, merchant: MerchantContext, request: UpdateWebhookEndpointRequest): Promise<Result<void, ApiError>> =>
  request.url === undefined ? ok(undefined) : checkDestination(guard, request.url, merchant.livemode);

export async function updateWebhookEndpoint(tx: WebhooksTransaction, merchant: MerchantContext, id: string, request: UpdateWebhookEndpointRequest, prepared: Result<void, ApiError>, nowMs: number): Promise<Result<WebhookEndpointObject, ApiError>> {
  if (!prepared.ok) return prepared;
  const endpoint = await tx.getEndpoint(merchant, id);
  if (!endpoint) return err(notFound('webhook endpoint', id));
  const disabled = request.disabled === undefined ? null : request.disabled;
  const updated: WebhookEndpoint = {
    ...endpoint,
    url: request.url ?? endpoint.url,
    enabledEvents: request.enabled_events ? [...new Set(request.enabled_events)] : endpoint.enabledEvents,
    description: request.description === undefined ? endpoint.description : request.description,
    metadata: request.metadata ?? endpoint.metadata,
    status: disabled === null ? endpoint.status : disabled ? 'disabled' : 'enabled',
    disabledReason: disabled === null ? endpoint.disabledReason : disabled ? 'merchant' : null,
    updatedMs: nowMs,
  };
  tx.saveEndpoint(updated);
  return ok(presentEndpoint(updated));
}

export async function deleteWebhookEndpoint(tx: WebhooksTransaction, merchant: MerchantContext, id: string): Promise<Result<{ id: string; object: 'webhook_endpoint'; deleted: true }, ApiError>> {
  const endpoint = await tx.getEndpoint(merchant, id);
  if (!endpoint) return err(notFound('webhook endpoint', id));
  tx.deleteEndpoint(endpoint);
  return ok({ id, object: 'webhook_endpoint', deleted: true });
}

export type RotationPrepared = { secret: string; sealed: SealedSecret };

/** The new secret is made and sealed once, before the transaction (a KMS call has no place in a body that may run twice). */
export async function prepareRotation(sealer: WebhookSecretSealer, id: string): Promise<RotationPrepared> {
  const secret = newSigningSecret();
  return { secret, sealed: await sealer.seal(id, secret) };
}

/** The old secret keeps signing beside the new one until it expires (default 24 h): receivers switch without a gap. */
export async function rotateWebhookSecret(tx: WebhooksTransaction, merchant: MerchantContext, id: string, request: RotateWebhookSecretRequest, prepared: RotationPrepared, nowMs: number): Promise<Result<WebhookEndpointObject, ApiError>> {
  const endpoint = await tx.getEndpoint(merchant, id);
  if (!endpoint) return err(notFound('webhook endpoint', id));
  const rotated: WebhookEndpoint = {
    ...endpoint,
    secret: prepared.sealed,
    previousSecret: request.expire_old_secret_in_hours > 0 ? endpoint.secret : null,
    previousSecretExpiresMs: request.expire_old_secret_in_hours > 0 ? nowMs + request.expire_old_secret_in_hours * 3_600_000 : null,
    updatedMs: nowMs,
  };
  tx.saveEndpoint(rotated);
  return ok(presentEndpoint(rotated, prepared.secret));
}
