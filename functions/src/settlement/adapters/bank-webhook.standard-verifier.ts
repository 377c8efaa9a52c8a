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

/** Every currently valid `whsec_…` secret per mode, newest first (two during a rotation). */
export interface BankWebhookSecrets {
  readonly test: readonly string[];
  readonly live: readonly string[];
}

export class StandardBankWebhookVerifier implements BankWebhookVerifier {
  private readonly webhooks: ReadonlyArray<{ readonly livemode: boolean; readonly webhook: Webhook }>;

  /**
   * `secrets`: one list for both modes, or a list per mode. With a list per mode, an event counts only
   * when signed with a secret of the mode it declares: the test bank cannot vouch for a live payout.
   */
  constructor(secrets: readonly string[] | BankWebhookSecrets) {
    const perMode: BankWebhookSecrets = isList(secrets) ? { test: secrets, live: secrets } : secrets;
    if (perMode.test.length === 0 || perMode.live.length === 0) throw new Error('the bank webhook verifier needs at least one secret per mode');
    this.webhooks = [
      ...perMode.test.map((secret) => ({ livemode: false, webhook: new Webhook(secret) })),
      ...perMode.live.map((secret) => ({ livemode: true, webhook: new Webhook(secret) })),
    ];
  }

  verify(headers: Record<string, string | string[] | undefined>, rawBody: string): BankWebhookEvent | null {
    const signed: Record<string, string> = {};
    for (const name of HEADERS) {
      const value = headerValue(headers, name);
      if (value === undefined) return null;
      signed[name] = value;
    }
    const signedFor = new Set(this.webhooks.filter(({ webhook }) => verifies(webhook, rawBody, signed)).map(({ livemode }) => livemode));
    if (signedFor.size === 0) return null;
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return null;
    }
    const parsed = Body.safeParse(json);
    // The signed id is the event id: a body cannot borrow another delivery's id.
    if (!parsed.success || parsed.data.id !== signed['webhook-id']) return null;
    if (!signedFor.has(parsed.data.livemode)) return null;
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

const isList = (secrets: readonly string[] | BankWebhookSecrets): secrets is readonly string[] => Array.isArray(secrets);

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
