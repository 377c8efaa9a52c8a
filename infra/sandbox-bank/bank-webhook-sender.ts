import { Webhook } from 'standardwebhooks';

// Delivers signed webhooks in the Standard Webhooks format (headers webhook-id, webhook-timestamp,
// webhook-signature: `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, signed by the
// `standardwebhooks` reference library), redelivered with exponential backoff until the receiver
// answers 2xx. Each attempt is signed afresh, so a late retry still carries a current timestamp.

export interface BankWebhookDelivery {
  readonly eventId: string;
  readonly type: string;
  readonly url: string;
  readonly body: string;
  attempts: number;
  lastStatus: number | null;
  delivered: boolean;
}

export interface BankWebhookSenderOptions {
  /** `whsec_<base64>` as Standard Webhooks defines it. */
  secret: string;
  /** First pause before a redelivery; doubles each time up to maxRetryDelayMs. */
  retryDelayMs: number;
  maxRetryDelayMs: number;
  /** Gives up after this many attempts (a real bank retries for days; the sandbox for a while). */
  maxAttempts: number;
  attemptTimeoutMs?: number;
}

export class BankWebhookSender {
  readonly deliveries: BankWebhookDelivery[] = [];
  private readonly signer: Webhook;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly opts: BankWebhookSenderOptions) {
    this.signer = new Webhook(opts.secret);
  }

  /** Starts delivering now; `onDelivered` runs once the receiver has acknowledged it with a 2xx. */
  send(url: string, event: { id: string; type: string }, onDelivered?: () => void): void {
    const delivery: BankWebhookDelivery = { eventId: event.id, type: event.type, url, body: JSON.stringify(event), attempts: 0, lastStatus: null, delivered: false };
    this.deliveries.push(delivery);
    void this.attempt(delivery, onDelivered);
  }

  /** Runs `run` after `ms`, unless the sender is closed first. */
  later(run: () => void, ms: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) run();
    }, ms);
    this.timers.add(timer);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async attempt(delivery: BankWebhookDelivery, onDelivered?: () => void): Promise<void> {
    if (this.closed) return;
    delivery.attempts += 1;
    try {
      const now = new Date();
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': delivery.eventId,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': this.signer.sign(delivery.eventId, now, delivery.body),
        },
        body: delivery.body,
        signal: AbortSignal.timeout(this.opts.attemptTimeoutMs ?? 5000),
      });
      await response.arrayBuffer();
      delivery.lastStatus = response.status;
      if (response.ok) {
        delivery.delivered = true;
        onDelivered?.();
        return;
      }
    } catch {
      delivery.lastStatus = null;
    }
    if (delivery.attempts >= this.opts.maxAttempts) return;
    const pause = Math.min(this.opts.retryDelayMs * 2 ** (delivery.attempts - 1), this.opts.maxRetryDelayMs);
    this.later(() => void this.attempt(delivery, onDelivered), pause);
  }
}
