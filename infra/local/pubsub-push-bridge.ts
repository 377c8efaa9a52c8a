import { Duration, Message, PubSub, Subscription } from '@google-cloud/pubsub';

const LEASE = Duration.from({ seconds: 10 });
import { Agent, request } from 'undici';
import { PushFaults, pushFaultsFromEnv } from './push-delivery-faults';
import { consumesEventType, EVENT_TYPE_ATTRIBUTE, PubsubFunctionSpec, pubsubFunctions } from '../../functions/src/catalogue/function-catalogue';

// Pooled keep-alive connections, one pool per subscription as production pushes each subscription on its own:
// a consumer that is slow (waiting on a lock) must not hold the connections another consumer's events need.
const pools = new Map<string, Agent>();
const poolFor = (subscription: string): Agent => {
  let pool = pools.get(subscription);
  if (!pool) pools.set(subscription, (pool = new Agent({ connections: 64, keepAliveTimeout: 30_000 })));
  return pool;
};

// Plays the production push subscriptions locally: pulls each function's subscription and POSTs
// every message in the push envelope to the function's URL. The emulator accepts a subscription's
// filter but does not apply it, so the bridge does, with the server's semantics: a message of a type
// the function does not consume is acknowledged without being delivered. A 2xx acknowledges;
// anything else is redelivered after a growing delay, like a push subscription's retry policy.
/** The longest a failed delivery waits before it is redelivered (the backoff's cap). */
export const MAX_REDELIVERY_DELAY_MS = 10_000;

export interface PushBridge {
  close(): Promise<void>;
}

/** The part of a pulled message the bridge uses (a @google-cloud/pubsub Message has it all). */
export interface PulledMessage {
  readonly id: string;
  readonly data: Buffer;
  readonly attributes: Record<string, string>;
  readonly publishTime: Date;
  readonly deliveryAttempt?: number;
  ack(): void;
  nack(): void;
}

export interface PushTarget {
  readonly spec: PubsubFunctionSpec;
  readonly url: string;
  /** Full subscription name, as production puts it in the envelope. */
  readonly subscription: string;
}

export type PushResult = 'filtered' | 'delivered' | 'redelivering';

export async function startPushBridge(opts: { projectId: string; functionsUrl: string; log: (line: object) => void }): Promise<PushBridge> {
  const pubsub = new PubSub({ projectId: opts.projectId });
  const subscriptions: Subscription[] = [];
  const faults = pushFaultsFromEnv(process.env.LOCAL_PUSH_FAULTS);
  for (const spec of pubsubFunctions()) {
    // A 10 s lease, extended in 10 s steps while a push is in progress: if this process dies, what it held is
    // redelivered within seconds (the library would otherwise grow the lease towards the slowest pushes, up to minutes).
    const subscription = pubsub.subscription(spec.subscription, { flowControl: { maxMessages: 64 }, minAckDeadline: LEASE, maxAckDeadline: LEASE });
    const target: PushTarget = { spec, url: `${opts.functionsUrl}/${spec.name}`, subscription: `projects/${opts.projectId}/subscriptions/${spec.subscription}` };
    subscription.on('message', (message: Message) => void (faults ? pushWithFaults(message, target, opts.log, faults) : pushMessage(message, target, opts.log)));
    subscription.on('error', (error) => opts.log({ severity: 'ERROR', message: 'pubsub bridge error', subscription: spec.subscription, error: String(error) }));
    subscriptions.push(subscription);
  }
  return {
    close: async () => {
      await Promise.all(subscriptions.map((s) => s.close()));
      await pubsub.close();
    },
  };
}

/** Simulation only: a message may wait (and be overtaken) and may be delivered a second time. */
async function pushWithFaults(message: PulledMessage, target: PushTarget, log: (line: object) => void, faults: PushFaults): Promise<void> {
  if (!consumesEventType(target.spec, message.attributes[EVENT_TYPE_ATTRIBUTE])) return void (await pushMessage(message, target, log));
  // Under faults (the simulation) every push says when it starts and when it got through, so the run can tell
  // when nothing is left in flight (its quiescence), whatever the consumers' speed.
  const delivery = `${target.subscription}/${message.id}`;
  log({ severity: 'DEBUG', message: 'event push started', delivery });
  const delayMs = faults.delayMs();
  if (delayMs > 0) {
    log({ severity: 'INFO', message: 'delivery fault injected', fault: 'pubsub_delayed', delayMs });
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  const result = await pushMessage(message, target, log);
  if (result === 'delivered') log({ severity: 'DEBUG', message: 'event push delivered', delivery });
  if (result !== 'delivered' || !faults.duplicate()) return;
  log({ severity: 'INFO', message: 'delivery fault injected', fault: 'pubsub_duplicated' });
  const copy: PulledMessage = { id: message.id, data: message.data, attributes: message.attributes, publishTime: message.publishTime, ack: () => undefined, nack: () => undefined };
  // The copy is never redelivered, so its failure owes nothing: logged without the delivery key watchers count.
  await pushMessage(copy, target, (line) => log({ ...line, delivery: undefined, duplicate_of: delivery }));
}

// Failed deliveries per subscription and message: the client reports deliveryAttempt only when a
// dead-letter policy is set, so the bridge counts attempts itself to grow the backoff.
const failedAttempts = new Map<string, number>();

/** Delivers one pulled message as a push subscription with the function's filter would. */
export async function pushMessage(message: PulledMessage, target: PushTarget, log: (line: object) => void): Promise<PushResult> {
  if (!consumesEventType(target.spec, message.attributes[EVENT_TYPE_ATTRIBUTE])) {
    message.ack();
    return 'filtered';
  }
  const body = {
    message: { data: message.data.toString('base64'), attributes: message.attributes, messageId: message.id, publishTime: message.publishTime.toISOString() },
    subscription: target.subscription,
  };
  try {
    const response = await request(target.url, {
      method: 'POST',
      dispatcher: poolFor(target.subscription),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    await response.body.dump();
    if (response.statusCode >= 200 && response.statusCode < 300) {
      const key = `${target.subscription}/${message.id}`;
      // Said once a message that failed got through: watchers (the simulation's quiescence) count what is still owed.
      if (failedAttempts.delete(key)) log({ severity: 'INFO', message: 'event redelivered', delivery: key });
      message.ack();
      return 'delivered';
    }
    throw new Error(`function answered ${response.statusCode}`);
  } catch (error) {
    const key = `${target.subscription}/${message.id}`;
    const attempt = Math.max(message.deliveryAttempt ?? 0, (failedAttempts.get(key) ?? 0) + 1);
    failedAttempts.set(key, attempt);
    log({ severity: 'WARNING', message: 'event delivery failed; will redeliver', url: target.url, delivery: key, error: String(error) });
    setTimeout(() => message.nack(), Math.min(MAX_REDELIVERY_DELAY_MS, 100 * 2 ** Math.min(attempt, 7)));
    return 'redelivering';
  }
}
