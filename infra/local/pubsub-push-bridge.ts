import { Message, PubSub, Subscription } from '@google-cloud/pubsub';
import { Agent, request } from 'undici';
import { pubsubFunctions } from '../../functions/src/catalogue/function-catalogue';

// Pooled keep-alive connections: delivering every event is on the hot path of the local chain.
const pool = new Agent({ connections: 64, keepAliveTimeout: 30_000 });

// Plays Eventarc locally: pulls each function's subscription and delivers every message as a
// CloudEvent (binary mode) to the function's URL. A 2xx acknowledges; anything else is
// redelivered after a growing delay, like a push subscription's retry policy.
export interface PushBridge {
  close(): Promise<void>;
}

export async function startPushBridge(opts: { projectId: string; functionsUrl: string; log: (line: object) => void }): Promise<PushBridge> {
  const pubsub = new PubSub({ projectId: opts.projectId });
  const subscriptions: Subscription[] = [];
  for (const spec of pubsubFunctions()) {
    const subscription = pubsub.subscription(spec.subscription, { flowControl: { maxMessages: 64 } });
    const url = `${opts.functionsUrl}/${spec.name}`;
    subscription.on('message', (message: Message) => void deliver(message, url, `projects/${opts.projectId}/topics/${spec.topic}`, opts.log));
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

async function deliver(message: Message, url: string, topic: string, log: (line: object) => void): Promise<void> {
  const body = {
    message: { data: message.data.toString('base64'), attributes: message.attributes, messageId: message.id, publishTime: message.publishTime.toISOString() },
    subscription: topic.replace('/topics/', '/subscriptions/'),
  };
  try {
    const response = await request(url, {
      method: 'POST',
      dispatcher: pool,
      headers: {
        'content-type': 'application/json',
        'ce-id': message.id,
        'ce-specversion': '1.0',
        'ce-type': 'google.cloud.pubsub.topic.v1.messagePublished',
        'ce-source': `//pubsub.googleapis.com/${topic}`,
        'ce-time': message.publishTime.toISOString(),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    await response.body.dump();
    if (response.statusCode >= 200 && response.statusCode < 300) return message.ack();
    throw new Error(`function answered ${response.statusCode}`);
  } catch (error) {
    const attempt = message.deliveryAttempt ?? 1;
    log({ severity: 'WARNING', message: 'event delivery failed; will redeliver', url, error: String(error) });
    setTimeout(() => message.nack(), Math.min(10_000, 100 * 2 ** Math.min(attempt, 7)));
  }
}
