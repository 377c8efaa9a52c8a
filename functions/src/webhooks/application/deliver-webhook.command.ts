import { QUEUES } from '../../contracts/payment-tasks.v1';
import type { WebhookDeliveryTaskV1 } from '../../contracts/webhooks-api.v1';
import { done, HandlerOutcome } from '../../platform/application/handler-outcome';
import { newId } from '../../shared/ids';
import { DeliveryAttempt, DeliveryError, RETRY_FOR_MS } from '../domain/delivery-attempt';
import { afterFailure, afterSuccess, coolOffUntilMs, failingTooLong } from '../domain/endpoint-health';
import type { WebhookEndpoint } from '../domain/webhook-endpoint';
import { emitMerchantEvent } from './emit-merchant-event.command';
import { presentEvent } from './event.presenter';
import { presentEndpoint } from './webhook-endpoint.presenter';
import type { WebhookResponse } from './webhook-sender';
import { signedHeaders } from './webhook-signature';
import type { WebhooksDeps } from './webhooks.deps';

/** The response body kept on an attempt. */
export const KEPT_BODY_BYTES = 1024;

/** The next try after the nth retry's failure: 5 s, doubling to an hour. */
export const retryDelaySeconds = (retry: number): number => Math.min(5 * 2 ** Math.min(retry, 20), 3600);
/** A delivery waiting for its endpoint's call limit tries again this soon. */
const BUSY_WAIT_SECONDS = 2;

/**
 * One delivery attempt of one event to one endpoint. Every HTTP attempt is recorded. A 2xx is success; any
 * other answer, a redirect, a timeout or a refused address is a failure, tried again in the retries lane
 * (automatic deliveries; a redelivery asked for through the API is one attempt). After 3 days of nothing but failures
 * the endpoint is disabled and the merchant's other endpoints are told (`webhook_endpoint.disabled`).
 */
export async function deliverWebhook(deps: WebhooksDeps, task: WebhookDeliveryTaskV1): Promise<HandlerOutcome> {
  // The endpoint's health first: a delivery that must wait out a cool-off costs one read, not three.
  const health = await deps.events.health(task.endpoint_id);
  const startedMs = deps.clock.nowMs();
  // A failing or hanging endpoint waits out its cool-off without a call, in the retries lane, holding no slot meanwhile.
  const coolOffEnds = coolOffUntilMs(health);
  if (task.trigger === 'automatic' && coolOffEnds !== null && startedMs < coolOffEnds) return waitInRetryLane(deps, task, startedMs, Math.ceil((coolOffEnds - startedMs) / 1000), 'endpoint cooling off');
  const [event, endpoint] = await Promise.all([deps.events.getById(task.event_id), deps.endpoints.getById(task.endpoint_id)]);
  if (!event || event.merchantId !== task.merchant_id || event.livemode !== task.livemode) return done('event no longer exists (past its 30 days)');
  if (!endpoint || endpoint.merchantId !== task.merchant_id || endpoint.livemode !== task.livemode) return done('endpoint deleted');
  if (endpoint.status !== 'enabled') return done('endpoint disabled: not attempted');

  if (!deps.concurrency.tryAcquire(endpoint.id)) return waitInRetryLane(deps, task, startedMs, BUSY_WAIT_SECONDS, `${deps.concurrency.limit} calls in flight`);
  let response: WebhookResponse;
  try {
    response = await send(deps, endpoint, event.id, JSON.stringify(presentEvent(event)), startedMs);
  } finally {
    deps.concurrency.release(endpoint.id);
  }
  const attempt = attemptOf(task, endpoint, response, startedMs);
  // The attempt and the pending count are written together: neither waits for the other.
  await Promise.all([deps.events.recordAttempt(attempt), attempt.outcome === 'succeeded' ? deps.events.markDelivered(event.id, endpoint.id) : Promise.resolve()]);

  if (attempt.outcome === 'succeeded') {
    const cleared = afterSuccess(health);
    if (cleared) await deps.events.saveHealth(cleared);
    return done(`delivered: ${attempt.statusCode}`);
  }
  const failing = afterFailure(health, endpoint.id, startedMs);
  await deps.events.saveHealth(failing);
  if (task.trigger === 'redeliver') return done(`redelivery failed: ${attempt.error}`);
  if (failingTooLong(failing, startedMs)) {
    if (await deps.endpoints.disableFailing(endpoint.id, startedMs)) await announceDisabled(deps, endpoint, failing.failingSinceMs!, startedMs);
    return done('endpoint disabled after 3 days of failed deliveries');
  }
  return retryInRetryLane(deps, task, startedMs, `failed: ${attempt.error}${attempt.statusCode ? ` ${attempt.statusCode}` : ''}`);
}

/** The task's name stem: the delivery (event, endpoint), or the redelivery it is. */
const nameStem = (task: WebhookDeliveryTaskV1): string =>
  task.trigger === 'redeliver' ? `whr-${task.event_id}-${task.endpoint_id}-${task.redelivery_id ?? 'x'}` : `whd-${task.event_id}-${task.endpoint_id}`;

/**
 * The next try of an attempt that failed, in the retries lane (5 s, doubling to an hour; none 3 days after the first
 * attempt). The name counts retries and waits: a repeated run of this task re-creates the same next task, never two.
 */
async function retryInRetryLane(deps: WebhooksDeps, task: WebhookDeliveryTaskV1, nowMs: number, why: string): Promise<HandlerOutcome> {
  const first = task.first_attempt_ms ?? nowMs;
  if (nowMs - first >= RETRY_FOR_MS) return done(`${why}; retries exhausted after 3 days`);
  const next: WebhookDeliveryTaskV1 = { ...task, retry: task.retry + 1, first_attempt_ms: first };
  const delaySeconds = retryDelaySeconds(task.retry);
  await deps.tasks.enqueue(QUEUES.webhookRetries, `${nameStem(next)}-r${next.retry}-w${next.waits}`, next, { delaySeconds });
  return done(`${why}; retry ${next.retry} in ${delaySeconds} s`);
}

/** A delivery that may not call its endpoint now (cool-off, call limit) waits in the retries lane; it is not a failure. */
async function waitInRetryLane(deps: WebhooksDeps, task: WebhookDeliveryTaskV1, nowMs: number, delaySeconds: number, why: string): Promise<HandlerOutcome> {
  const next: WebhookDeliveryTaskV1 = { ...task, waits: task.waits + 1, first_attempt_ms: task.first_attempt_ms ?? nowMs };
  await deps.tasks.enqueue(QUEUES.webhookRetries, `${nameStem(next)}-r${next.retry}-w${next.waits}`, next, { delaySeconds: Math.max(1, delaySeconds) });
  return done(`${why}; waits ${Math.max(1, delaySeconds)} s`);
}

async function send(deps: WebhooksDeps, endpoint: WebhookEndpoint, eventId: string, body: string, nowMs: number): Promise<WebhookResponse> {
  // Checked again at delivery: the name may resolve elsewhere now (the sender also pins the connection to a checked address).
  const allowed = await deps.guard.check(endpoint.url, endpoint.livemode);
  if (!allowed.ok) return { kind: 'not_answered', error: 'address_refused', latencyMs: 0 };
  const headers = await signedHeaders(deps.sealer, endpoint, eventId, body, new Date(nowMs));
  return deps.sender.send({ url: endpoint.url, livemode: endpoint.livemode, headers, body });
}

function attemptOf(task: WebhookDeliveryTaskV1, endpoint: WebhookEndpoint, response: WebhookResponse, attemptedAtMs: number): DeliveryAttempt {
  const base = { id: newId('wha'), eventId: task.event_id, endpointId: endpoint.id, merchantId: endpoint.merchantId, livemode: endpoint.livemode, attemptedAtMs, trigger: task.trigger, latencyMs: Math.round(response.latencyMs) };
  if (response.kind === 'not_answered') return { ...base, outcome: 'failed', statusCode: null, error: response.error, responseBody: null };
  const ok = response.statusCode >= 200 && response.statusCode < 300;
  const error: DeliveryError | null = ok ? null : response.statusCode >= 300 && response.statusCode < 400 ? 'redirect' : 'http_status';
  return { ...base, outcome: ok ? 'succeeded' : 'failed', statusCode: response.statusCode, error, responseBody: truncate(response.body) };
}

const truncate = (body: string): string => {
  const bytes = Buffer.from(body, 'utf8');
  return bytes.length <= KEPT_BODY_BYTES ? body : bytes.subarray(0, KEPT_BODY_BYTES).toString('utf8');
};

async function announceDisabled(deps: WebhooksDeps, endpoint: WebhookEndpoint, failingSinceMs: number, nowMs: number): Promise<void> {
  const disabled: WebhookEndpoint = { ...endpoint, status: 'disabled', disabledReason: 'failing', updatedMs: nowMs };
  deps.log.warn('webhook endpoint disabled after 3 days of failed deliveries', { endpoint: endpoint.id, merchant: endpoint.merchantId, livemode: endpoint.livemode });
  await emitMerchantEvent(
    deps,
    {
      // One per failure streak: a retried task announces the same event.
      id: `evt_wedis_${endpoint.id}_${failingSinceMs}`,
      merchantId: endpoint.merchantId,
      livemode: endpoint.livemode,
      type: 'webhook_endpoint.disabled',
      apiVersion: endpoint.apiVersion,
      createdMs: nowMs,
      object: presentEndpoint(disabled) as unknown as Record<string, unknown>,
      previousAttributes: { status: 'enabled', disabled_reason: null },
    },
    { exceptEndpointId: endpoint.id },
  );
}
