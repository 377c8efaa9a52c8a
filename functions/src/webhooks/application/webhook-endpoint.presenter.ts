import type { WebhookEndpointObject } from '../../contracts/webhooks-api.v1';
import { toUnixSeconds } from '../../shared/clock';
import type { WebhookEndpoint } from '../domain/webhook-endpoint';

/** The merchant-facing endpoint; `secret` only when the caller has just made one (create, rotate). */
export const presentEndpoint = (endpoint: WebhookEndpoint, secret?: string): WebhookEndpointObject => ({
  id: endpoint.id,
  object: 'webhook_endpoint',
  url: endpoint.url,
  enabled_events: [...endpoint.enabledEvents],
  description: endpoint.description,
  status: endpoint.status,
  disabled_reason: endpoint.disabledReason,
  api_version: endpoint.apiVersion,
  created: toUnixSeconds(endpoint.createdMs),
  livemode: endpoint.livemode,
  metadata: { ...endpoint.metadata },
  ...(secret === undefined ? {} : { secret }),
  previous_secret_expires_at: endpoint.previousSecretExpiresMs === null ? null : toUnixSeconds(endpoint.previousSecretExpiresMs),
});
