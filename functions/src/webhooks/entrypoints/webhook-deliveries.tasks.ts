import { WebhookDeliveryTaskV1 } from '../../contracts/webhooks-api.v1';
import { eventFunction } from '../../platform/http/event-handler';
import { taskFunction } from '../../platform/http/task-handler';
import { deliverWebhook } from '../application/deliver-webhook.command';
import { emitMerchantEventFromDomain } from '../application/emit-merchant-event.command';
import type { WebhooksModule } from '../webhooks.module';

// Pub/Sub push: every merchant-visible domain event becomes a merchant event and its deliveries.
export const emitMerchantEventsPubsub = (deps: () => WebhooksModule) => eventFunction('emit-merchant-events', deps, (event, d) => emitMerchantEventFromDomain(d, event));

// Cloud Tasks: one attempt per dispatch. An endpoint's failure schedules the next try in the retries lane; only the
// platform's own failures (Firestore, Cloud Tasks) throw, for the queue's retry.
export const deliverWebhookTask = (deps: () => WebhooksModule) => taskFunction('deliver-webhook', WebhookDeliveryTaskV1, deps, (task, d) => deliverWebhook(d, task));
export const retryWebhookTask = (deps: () => WebhooksModule) => taskFunction('retry-webhook', WebhookDeliveryTaskV1, deps, (task, d) => deliverWebhook(d, task));
