import type { DeliveryError } from '../domain/delivery-attempt';

export interface WebhookRequest {
  readonly url: string;
  readonly livemode: boolean;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type WebhookResponse =
  | { readonly kind: 'answered'; readonly statusCode: number; readonly body: string; readonly latencyMs: number }
  | { readonly kind: 'not_answered'; readonly error: Exclude<DeliveryError, 'http_status' | 'endpoint_disabled'>; readonly latencyMs: number };

/**
 * Port: one POST, no redirects followed (a 3xx is a failure), 10 s timeout, the body read to at most
 * 1 KB; the connection goes only to an address the DestinationGuard accepts for the mode.
 */
export interface WebhookSender {
  send(request: WebhookRequest): Promise<WebhookResponse>;
}
