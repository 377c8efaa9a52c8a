import { z } from 'zod';
import type { WebhookEndpoint } from '../domain/webhook-endpoint';

// The stored endpoint (`webhook_endpoints/{id}`): the signing secrets only sealed.
const SealedSecretDocument = z.object({
  kekId: z.string(),
  wrappedKey: z.string(),
  fields: z.record(z.string(), z.object({ iv: z.string(), ciphertext: z.string(), tag: z.string() })),
});

export const WebhookEndpointDocument = z.object({
  merchant_id: z.string(),
  livemode: z.boolean(),
  url: z.string(),
  enabled_events: z.array(z.string()),
  description: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
  status: z.enum(['enabled', 'disabled']),
  disabled_reason: z.enum(['merchant', 'failing']).nullable(),
  api_version: z.string(),
  created_ms: z.number().int(),
  updated_ms: z.number().int(),
  secret: SealedSecretDocument,
  previous_secret: SealedSecretDocument.nullable(),
  previous_secret_expires_ms: z.number().int().nullable(),
});

export const endpointDocument = (e: WebhookEndpoint): z.infer<typeof WebhookEndpointDocument> => ({
  merchant_id: e.merchantId,
  livemode: e.livemode,
  url: e.url,
  enabled_events: [...e.enabledEvents],
  description: e.description,
  metadata: { ...e.metadata },
  status: e.status,
  disabled_reason: e.disabledReason,
  api_version: e.apiVersion,
  created_ms: e.createdMs,
  updated_ms: e.updatedMs,
  secret: e.secret as z.infer<typeof SealedSecretDocument>,
  previous_secret: e.previousSecret as z.infer<typeof SealedSecretDocument> | null,
  previous_secret_expires_ms: e.previousSecretExpiresMs,
});

export function endpointFromDocument(id: string, data: unknown): WebhookEndpoint {
  const d = WebhookEndpointDocument.parse(data);
  return {
    id,
    merchantId: d.merchant_id,
    livemode: d.livemode,
    url: d.url,
    enabledEvents: d.enabled_events,
    description: d.description,
    metadata: d.metadata,
    status: d.status,
    disabledReason: d.disabled_reason,
    apiVersion: d.api_version,
    createdMs: d.created_ms,
    updatedMs: d.updated_ms,
    secret: d.secret,
    previousSecret: d.previous_secret,
    previousSecretExpiresMs: d.previous_secret_expires_ms,
  };
}
