import type { Webhook } from 'standardwebhooks';

const HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/**
 * The payload of a Standard Webhooks delivery (webhook-id, webhook-timestamp, webhook-signature over
 * "<id>.<timestamp>.<body>"), parsed, when any of the verifiers (the current secrets, newest first,
 * several while one is rotated) accepts it; undefined otherwise. The reference library compares in
 * constant time and refuses a timestamp more than 5 minutes off. Nothing of an unsigned body is read.
 */
export function verifiedStandardWebhook(rawBody: Buffer, headers: Readonly<Record<string, string | undefined>>, verifiers: readonly Webhook[]): unknown {
  const signed = Object.fromEntries(HEADERS.map((name) => [name, headers[name] ?? '']));
  const body = rawBody.toString('utf8');
  for (const verifier of verifiers) {
    try {
      return verifier.verify(body, signed);
    } catch {
      // not this secret: try the next
    }
  }
  return undefined;
}
