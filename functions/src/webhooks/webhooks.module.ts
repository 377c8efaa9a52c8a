import type { DeadLetterStore } from '../platform/adapters/dead-letter.firestore-store';
import type { ApiDeps } from '../platform/http/api-handler';
import type { WebhookEndpoint } from './domain/webhook-endpoint';
import type { WebhooksTransaction } from './application/webhook-endpoint.repository';
import type { WebhooksDeps } from './application/webhooks.deps';

/** What the webhooks entrypoints hand to their commands, and the merchant API shell's needs. */
export type WebhooksModule = ApiDeps<WebhooksTransaction> &
  WebhooksDeps & {
    readonly deadLetters: DeadLetterStore;
  };

/** From runtime-config.ts: the key that seals signing secrets, and an endpoint's time to answer. */
export interface WebhooksConfig {
  readonly keyEncryption: { readonly kind: 'kms'; readonly keyName: string } | { readonly kind: 'local-file'; readonly path: string };
  readonly deliveryTimeoutMs: number;
}

// The factory (webhooksModule) is added by the wiring change; the type above is the contract the entrypoints use.
export type { WebhookEndpoint };
