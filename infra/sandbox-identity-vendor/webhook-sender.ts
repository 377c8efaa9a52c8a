import { createHmac } from 'node:crypto';

// Signs and delivers result webhooks like a real vendor: `t=<unix s>,v1=<hex HMAC-SHA256 of
// "<t>.<body>">`, redelivered with growing pauses until the receiver answers 2xx.
export interface Delivery {
  readonly eventId: string;
  readonly url: string;
  readonly body: string;
  attempts: number;
  lastStatus: number | null;
}

export function signatureHeader(body: string, secret: string, atMs: number): string {
  const t = Math.floor(atMs / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex')}`;
}

export class WebhookSender {
  readonly deliveries: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly opts: { secret: string; maxAttempts: number; retryDelayMs: number }) {}

  schedule(url: string, eventId: string, payload: object, delayMs: number): void {
    const delivery: Delivery = { eventId, url, body: JSON.stringify(payload), attempts: 0, lastStatus: null };
    this.deliveries.push(delivery);
    this.later(() => this.attempt(delivery), delayMs);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async attempt(delivery: Delivery): Promise<void> {
    if (this.closed) return;
    delivery.attempts += 1;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'identity-vendor-signature': signatureHeader(delivery.body, this.opts.secret, Date.now()) },
        body: delivery.body,
        signal: AbortSignal.timeout(5000),
      });
      await response.arrayBuffer();
      delivery.lastStatus = response.status;
      if (response.ok) return;
    } catch {
      delivery.lastStatus = null;
    }
    if (delivery.attempts < this.opts.maxAttempts) this.later(() => this.attempt(delivery), this.opts.retryDelayMs * delivery.attempts);
  }

  private later(run: () => Promise<void>, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void run();
    }, ms);
    this.timers.add(timer);
  }
}
