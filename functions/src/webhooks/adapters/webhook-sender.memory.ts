import type { WebhookRequest, WebhookResponse, WebhookSender } from '../application/webhook-sender';

/** A scripted sender for unit tests: answers from a script per URL (default 200), records every request. */
export class ScriptedWebhookSender implements WebhookSender {
  readonly sent: WebhookRequest[] = [];
  private readonly scripts = new Map<string, WebhookResponse[]>();

  answer(url: string, ...responses: WebhookResponse[]): this {
    this.scripts.set(url, [...(this.scripts.get(url) ?? []), ...responses]);
    return this;
  }

  async send(request: WebhookRequest): Promise<WebhookResponse> {
    this.sent.push(request);
    return this.scripts.get(request.url)?.shift() ?? { kind: 'answered', statusCode: 200, body: '', latencyMs: 3 };
  }
}
