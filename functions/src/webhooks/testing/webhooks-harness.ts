import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PaymentEventV1 } from '../../contracts/payment-events.v1';
import type { WebhookDeliveryTaskV1 } from '../../contracts/webhooks-api.v1';
import type { KeyEncryptionService } from '../../identity/application/key-encryption.service';
import type { HandlerOutcome } from '../../platform/application/handler-outcome';
import { InMemoryTaskQueue } from '../../platform/adapters/task-queue.memory';
import { fixedClock } from '../../shared/clock';
import { createLogger } from '../../shared/logger';
import type { MerchantContext } from '../../shared/merchant-context';
import { DnsDestinationGuard } from '../adapters/destination-guard.dns';
import { InMemoryMerchantEventStore } from '../adapters/merchant-event.memory-store';
import { InMemoryWebhookEndpointStore } from '../adapters/webhook-endpoint.memory-store';
import { EnvelopeWebhookSecretSealer } from '../adapters/webhook-secret.envelope-sealer';
import { ScriptedWebhookSender } from '../adapters/webhook-sender.memory';
import { createWebhookEndpoint, prepareEndpoint } from '../application/create-webhook-endpoint.command';
import { deliverWebhook } from '../application/deliver-webhook.command';
import { emitMerchantEventFromDomain } from '../application/emit-merchant-event.command';
import type { WebhooksDeps } from '../application/webhooks.deps';
import { EndpointConcurrency } from '../application/endpoint-concurrency';

/** A key-encryption key held in memory (AES-256-GCM), standing in for Cloud KMS or the key file. */
export class InMemoryKeyEncryption implements KeyEncryptionService {
  readonly kekId = 'memory-kek/1';
  private readonly key = randomBytes(32);

  async wrap(dataKey: Buffer): Promise<Buffer> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
  }

  async unwrap(wrapped: Buffer): Promise<Buffer> {
    const decipher = createDecipheriv('aes-256-gcm', this.key, wrapped.subarray(0, 12));
    decipher.setAuthTag(wrapped.subarray(12, 28));
    return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
  }
}

// Now (whole seconds): the standardwebhooks package refuses a signature whose timestamp is not recent.
export const T0 = Math.floor(Date.now() / 1000) * 1000;
export const MERCHANT: MerchantContext = { merchantId: 'acct_shop', livemode: false };

/** Host names the fake resolver knows (anything else does not resolve). */
const DNS: Record<string, string[]> = {
  'hooks.shop.example': ['93.184.216.34'],
  'other.shop.example': ['93.184.216.35'],
  'rebind.example': ['10.0.0.8'],
  localhost: ['127.0.0.1'],
};

/** The webhooks context wired to in-memory adapters, with a clock the test moves. */
export function webhooksHarness() {
  const clock = fixedClock(T0);
  const endpoints = new InMemoryWebhookEndpointStore();
  const events = new InMemoryMerchantEventStore();
  const tasks = new InMemoryTaskQueue();
  const sender = new ScriptedWebhookSender();
  const deps: WebhooksDeps = {
    clock,
    log: createLogger({}, () => undefined),
    tasks,
    endpoints,
    events,
    sealer: new EnvelopeWebhookSecretSealer(new InMemoryKeyEncryption(), () => clock.nowMs()),
    guard: new DnsDestinationGuard(async (host) => DNS[host] ?? []),
    sender,
    concurrency: new EndpointConcurrency(2),
  };

  async function createEndpoint(merchant: MerchantContext, body: { url: string; enabled_events: string[] }) {
    const prepared = await prepareEndpoint(deps, merchant, body);
    return endpoints.transaction((tx) => createWebhookEndpoint(tx, merchant, body, prepared, clock.nowMs()));
  }

  /** Runs the queued delivery tasks (first attempts and retries alike) once each, as the queues would dispatch them; a retry it schedules waits for the next call. */
  async function dispatch(): Promise<Array<{ task: WebhookDeliveryTaskV1; queue: string; outcome: HandlerOutcome }>> {
    const results = [];
    for (const task of tasks.takeNew()) results.push({ task: task.payload as WebhookDeliveryTaskV1, queue: task.queue, outcome: await deliverWebhook(deps, task.payload as WebhookDeliveryTaskV1) });
    return results;
  }

  /** One more run of a task, as a redelivered task runs it again. */
  const retry = (task: WebhookDeliveryTaskV1): Promise<HandlerOutcome> => deliverWebhook(deps, task);

  return { deps, clock, endpoints, events, tasks, sender, createEndpoint, dispatch, retry, emit: (wire: PaymentEventV1) => emitMerchantEventFromDomain(deps, wire) };
}

/** A domain event as the payments context publishes it: a payment that succeeded, with its API snapshot. */
export function paymentSucceeded(overrides: { id?: string; merchantId?: string; livemode?: boolean; paymentId?: string } = {}): PaymentEventV1 {
  const paymentId = overrides.paymentId ?? 'pay_1';
  return {
    id: overrides.id ?? 'evt_succeeded_1',
    type: 'payment.succeeded',
    time: new Date(T0).toISOString(),
    subject: paymentId,
    data: {
      payment_id: paymentId,
      merchant_id: overrides.merchantId ?? MERCHANT.merchantId,
      livemode: overrides.livemode ?? false,
      currency: 'usd',
      amount: 2_500,
      object: { id: paymentId, object: 'payment', amount: 2_500, amount_captured: 2_500, currency: 'usd', status: 'succeeded', created: Math.floor(T0 / 1000), livemode: overrides.livemode ?? false },
      previous_attributes: { status: 'processing' },
    },
  };
}
