import { Webhook } from 'standardwebhooks';
import { signingSecrets, WebhookEndpoint } from '../domain/webhook-endpoint';
import type { WebhookSecretSealer } from './webhook-secrets';

/**
 * Standard Webhooks headers, signed with the `standardwebhooks` package: `webhook-id` (the event id, the
 * same on every retry), `webhook-timestamp` (unix seconds), and `webhook-signature`: `v1,<base64 HMAC-SHA256
 * of "id.timestamp.body">` per signing secret, space-separated — the current secret and, for 24 h after a
 * rotation, the previous one, so a receiver still holding the old secret verifies without a gap.
 */
export async function signedHeaders(sealer: WebhookSecretSealer, endpoint: WebhookEndpoint, eventId: string, body: string, now: Date): Promise<Record<string, string>> {
  const secrets = await Promise.all(signingSecrets(endpoint, now.getTime()).map((sealed) => sealer.open(endpoint.id, sealed)));
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(eventId, now, body)).join(' '),
    'content-type': 'application/json',
    'user-agent': 'Payments-Webhooks/1.0',
  };
}
