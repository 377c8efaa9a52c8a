import type { KeyEncryptionService } from '../identity/application/key-encryption.service';
import type { DeadLetterStore } from '../platform/adapters/dead-letter.firestore-store';
import type { ApiDeps, MerchantAuthenticator } from '../platform/http/api-handler';
import type { PlatformModule } from '../platform/platform.module';
import { DnsDestinationGuard } from './adapters/destination-guard.dns';
import { FirestoreMerchantEventStore } from './adapters/merchant-event.firestore-store';
import { FirestoreWebhookEndpointStore } from './adapters/webhook-endpoint.firestore-store';
import { EnvelopeWebhookSecretSealer } from './adapters/webhook-secret.envelope-sealer';
import { UndiciWebhookSender } from './adapters/webhook-sender.undici';
import { EndpointConcurrency } from './application/endpoint-concurrency';
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

export interface WebhooksModuleDeps {
  readonly platform: PlatformModule;
  /** The merchants context's API-key authentication. */
  readonly authenticate: MerchantAuthenticator;
  /** The webhook-secrets key (the composition root builds it from WebhooksConfig.keyEncryption). */
  readonly kek: KeyEncryptionService;
}

export function webhooksModule(config: Pick<WebhooksConfig, 'deliveryTimeoutMs'>, deps: WebhooksModuleDeps): WebhooksModule {
  const { platform } = deps;
  const endpoints = new FirestoreWebhookEndpointStore(platform.db);
  return {
    projectId: platform.projectId,
    clock: platform.clock,
    log: platform.log.child({ context: 'webhooks' }),
    deadLetters: platform.deadLetters,
    tasks: platform.tasks,
    authenticate: deps.authenticate,
    transactions: endpoints,
    endpoints,
    events: new FirestoreMerchantEventStore(platform.db),
    sealer: new EnvelopeWebhookSecretSealer(deps.kek, () => platform.clock.nowMs()),
    guard: new DnsDestinationGuard(),
    sender: new UndiciWebhookSender({ timeoutMs: config.deliveryTimeoutMs }),
    concurrency: new EndpointConcurrency(),
  };
}
