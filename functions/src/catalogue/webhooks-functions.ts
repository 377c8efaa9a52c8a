import { MERCHANT_VISIBLE_DOMAIN_EVENT_TYPES } from '../contracts/merchant-events.v1';
import * as events from '../contracts/merchant-events.v1';
import { PAYMENT_EVENTS_TOPIC } from '../contracts/payment-events.v1';
import { QUEUES } from '../contracts/payment-tasks.v1';
import * as webhooks from '../contracts/webhooks-api.v1';
import type { FunctionSpec, HttpRoute, RetryPolicy } from './function-spec';

// The webhooks context's functions, part of the one catalogue (function-catalogue.ts spreads them in).

const http = (name: string, entryPoint: string, route: HttpRoute): FunctionSpec => ({ name, entryPoint, trigger: 'http', route });

// The queues' own retries are for the platform's failures (Firestore, Cloud Tasks): an endpoint's failures are retried
// by the delivery itself in the retries lane (deliver-webhook.command.ts). Both give up after 3 days.
const webhookRetry: RetryPolicy = { maxAttempts: -1, minBackoffSeconds: 5, maxBackoffSeconds: 3600, maxDoublings: 10, maxRetryDurationSeconds: 3 * 24 * 3600 };
export const WEBHOOKS_FUNCTIONS: readonly FunctionSpec[] = [
  // Merchant events and webhooks (issue 10): the Events API, webhook endpoints and their deliveries.
  http('list-events', 'listEvents', {
    method: 'GET', path: '/v1/events', summary: 'List events of the last 30 days, newest first (type with * wildcards, created range)', successStatus: 200, query: events.ListEventsQuery, response: events.EventList, auth: 'merchant_key', resource: 'events',
  }),
  http('get-event', 'getEvent', {
    method: 'GET', path: '/v1/events/{id}', summary: 'Retrieve an event', successStatus: 200, response: events.EventObject, auth: 'merchant_key', resource: 'events',
  }),
  http('list-delivery-attempts', 'listDeliveryAttempts', {
    method: 'GET', path: '/v1/events/{id}/delivery_attempts', summary: 'Every attempt to deliver an event to the merchant\'s endpoints, newest first', successStatus: 200, query: events.ListDeliveryAttemptsQuery, response: events.DeliveryAttemptList, auth: 'merchant_key', resource: 'events',
  }),
  http('redeliver-event', 'redeliverEvent', {
    method: 'POST', path: '/v1/events/{id}/redeliver', summary: 'Send an event to one endpoint again now (one attempt, recorded)', successStatus: 200, request: events.RedeliverEventRequest, response: events.RedeliverEventResponse, auth: 'merchant_key', resource: 'events',
  }),
  http('create-webhook-endpoint', 'createWebhookEndpoint', {
    method: 'POST', path: '/v1/webhook_endpoints', summary: 'Register a webhook endpoint; answers its signing secret once', successStatus: 201, request: webhooks.CreateWebhookEndpointRequest, response: webhooks.WebhookEndpointObject, auth: 'merchant_key', resource: 'webhook_endpoints',
  }),
  http('list-webhook-endpoints', 'listWebhookEndpoints', {
    method: 'GET', path: '/v1/webhook_endpoints', summary: 'List webhook endpoints, newest first', successStatus: 200, query: webhooks.ListWebhookEndpointsQuery, response: webhooks.WebhookEndpointList, auth: 'merchant_key', resource: 'webhook_endpoints',
  }),
  http('get-webhook-endpoint', 'getWebhookEndpoint', {
    method: 'GET', path: '/v1/webhook_endpoints/{id}', summary: 'Retrieve a webhook endpoint (never its secret)', successStatus: 200, response: webhooks.WebhookEndpointObject, auth: 'merchant_key', resource: 'webhook_endpoints',
  }),
  http('update-webhook-endpoint', 'updateWebhookEndpoint', {
    method: 'POST', path: '/v1/webhook_endpoints/{id}', summary: 'Change the URL, events or description; disable or re-enable', successStatus: 200, request: webhooks.UpdateWebhookEndpointRequest, response: webhooks.WebhookEndpointObject, auth: 'merchant_key', resource: 'webhook_endpoints',
  }),
  http('delete-webhook-endpoint', 'deleteWebhookEndpoint', {
    method: 'DELETE', path: '/v1/webhook_endpoints/{id}', summary: 'Delete a webhook endpoint: no further deliveries', successStatus: 200, response: webhooks.DeletedWebhookEndpoint, auth: 'merchant_key', resource: 'webhook_endpoints',
  }),
  http('rotate-webhook-secret', 'rotateWebhookSecret', {
    method: 'POST', path: '/v1/webhook_endpoints/{id}/rotate_secret', summary: 'New signing secret (answered once); the old one keeps signing beside it for up to 24 h', successStatus: 200, request: webhooks.RotateWebhookSecretRequest, response: webhooks.WebhookEndpointObject, auth: 'merchant_key', resource: 'webhook_endpoints',
  }),
  // Every domain event the merchant may see becomes a merchant event, fanned out as one delivery task per endpoint.
  {
    name: 'emit-merchant-events', entryPoint: 'emitMerchantEvents', trigger: 'pubsub', topic: PAYMENT_EVENTS_TOPIC, subscription: 'emit-merchant-events',
    eventTypes: MERCHANT_VISIBLE_DOMAIN_EVENT_TYPES,
  },
  // One attempt per dispatch; 2xx within 10 s or the queue retries. Many endpoints at once: a slow one defers itself.
  { name: 'deliver-webhook', entryPoint: 'deliverWebhook', trigger: 'task', queue: QUEUES.webhookDeliveries, retry: webhookRetry, maxConcurrentDispatches: 500 },
  // The slow lane: every retry of a failed or deferred delivery, scheduled by the delivery itself (5 s doubling to an
  // hour, for 3 days), so a failing endpoint's backlog never delays another endpoint's first attempts.
  { name: 'retry-webhook', entryPoint: 'retryWebhook', trigger: 'task', queue: QUEUES.webhookRetries, retry: webhookRetry, maxConcurrentDispatches: 200 },
];
