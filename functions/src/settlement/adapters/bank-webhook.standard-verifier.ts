import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { BankWebhookEvent, BankWebhookVerifier } from '../application/bank.gateway';

// The bank signs its webhooks in the Standard Webhooks format (webhook-id, webhook-timestamp,
// webhook-signature over "<id>.<timestamp>.<body>"); the reference library checks the signature in
// constant time and refuses a timestamp more than 5 minutes from now (replays of old deliveries).

const Body = z.object({
  id: z.string().min(1),
  type: z.enum(['transfer.paid', 'transfer.failed', 'transfer.returned']),
  timestamp: z.iso.datetime({ offset: true }),
  livemode: z.boolean(),
  data: z.object({
    transfer_id: z.string().min(1),
    reference: z.string().min(1),
    amount: z.number().int().positive(),
    currency: z.string().regex(/^[a-z]{3}$/),
    failure_code: z.string().min(1).nullable(),
  }),
});

const HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

export class StandardBankWebhookVerifier implements BankWebhookVerifier {
  private readonly webhooks: readonly Webhook[];

  /** `secrets`: every currently valid `whsec_…` secret, newest first (two during a rotation). */
  constructor(secrets: readonly string[]) {
    if (secrets.length === 0) throw new Error('the bank webhook verifier needs at least one secret');
    this.webhooks = secrets.map((secret) => new Webhook(secret));
  }

  verify(headers: Record<string, string | string[] | undefined>, rawBody: string): BankWebhookEvent | null {
    const signed: Record<string, string> = {};
    for (const name of HEADERS) {
      const value = headerValue(headers, name);
      if (value === undefined) return null;
      signed[name] = value;
    }
    if (!this.webhooks.some((webhook) => verifies(webhook, rawBody, signed))) return null;
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return null;
    }
    const parsed = Body.safeParse(json);
    // The signed id is the event id: a body cannot borrow another delivery's id.
    if (!parsed.success || parsed.data.id !== signed['webhook-id']) return null;
    const { id, type, timestamp, livemode, data } = parsed.data;
    return {
      id,
      type,
      transferId: data.transfer_id,
      reference: data.reference,
      amount: data.amount,
      currency: data.currency,
      livemode,
      failureCode: data.failure_code,
      occurredMs: Date.parse(timestamp),
    };
  }
}

function verifies(webhook: Webhook, rawBody: string, headers: Record<string, string>): boolean {
  try {
    webhook.verify(rawBody, headers);
    return true;
  } catch {
    return false;
  }
}

/** Header names arrive lower-cased from Node; a repeated header counts by its first value. */
function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}
