import type { TaskQueue } from '../../platform/application/task-queue';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { DestinationGuard } from './destination-guard';
import type { EndpointConcurrency } from './endpoint-concurrency';
import type { MerchantEventStore } from './merchant-event.store';
import type { WebhookEndpointReader } from './webhook-endpoint.repository';
import type { WebhookSecretSealer } from './webhook-secrets';
import type { WebhookSender } from './webhook-sender';

/** What the webhooks commands and queries need (the module builds it; tests build it from in-memory fakes). */
export interface WebhooksDeps {
  readonly clock: Clock;
  readonly log: Logger;
  readonly tasks: TaskQueue;
  readonly endpoints: WebhookEndpointReader;
  readonly events: MerchantEventStore;
  readonly sealer: WebhookSecretSealer;
  readonly guard: DestinationGuard;
  readonly sender: WebhookSender;
  /** Calls in flight per endpoint in this instance (a slow endpoint never takes every dispatch slot). */
  readonly concurrency: EndpointConcurrency;
}
