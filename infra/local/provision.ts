import * as grpc from '@grpc/grpc-js';
import { PubSub } from '@google-cloud/pubsub';
import { CloudTasksClient } from '@google-cloud/tasks';
import { DEFAULT_MAX_DOUBLINGS, PubsubFunctionSpec, pubsubFunctions, subscriptionFilter, taskFunctions } from '../../functions/src/catalogue/function-catalogue';

// Creates what Terraform creates in production, from the same catalogue: topics, subscriptions
// and queues with their retry and rate settings. Safe to run again.
export async function provision(opts: { projectId: string; location: string; pubsubHost: string; tasksHost: string; tasksPort: number }): Promise<void> {
  const pubsub = new PubSub({ projectId: opts.projectId, apiEndpoint: opts.pubsubHost });
  try {
    for (const spec of pubsubFunctions()) {
      const [topicExists] = await pubsub.topic(spec.topic).exists();
      if (!topicExists) await pubsub.createTopic(spec.topic).catch(ignoreAlreadyExists);
      const [subExists] = await pubsub.subscription(spec.subscription).exists();
      if (!subExists) await pubsub.topic(spec.topic).createSubscription(spec.subscription, subscriptionOptions(spec)).catch(ignoreAlreadyExists);
    }
  } finally {
    await pubsub.close();
  }

  const tasks = new CloudTasksClient({
    apiEndpoint: opts.tasksHost,
    port: opts.tasksPort,
    sslCreds: grpc.credentials.createInsecure(),
    projectId: opts.projectId,
    universeDomain: 'googleapis.com',
  });
  try {
    for (const spec of taskFunctions()) {
      const name = tasks.queuePath(opts.projectId, opts.location, spec.queue);
      const queue = {
        name,
        rateLimits: { maxConcurrentDispatches: spec.maxConcurrentDispatches, maxDispatchesPerSecond: 500 },
        retryConfig: {
          maxAttempts: spec.retry.maxAttempts,
          minBackoff: seconds(spec.retry.minBackoffSeconds),
          maxBackoff: seconds(spec.retry.maxBackoffSeconds),
          maxDoublings: spec.retry.maxDoublings ?? DEFAULT_MAX_DOUBLINGS,
          ...(spec.retry.maxRetryDurationSeconds === undefined ? {} : { maxRetryDuration: seconds(spec.retry.maxRetryDurationSeconds) }),
        },
      };
      await tasks.createQueue({ parent: tasks.locationPath(opts.projectId, opts.location), queue }).catch(ignoreAlreadyExists);
    }
  } finally {
    await tasks.close();
  }
}

/**
 * The subscription as Terraform creates it in production: the catalogue's filter, a 60 s ack deadline,
 * no ordered delivery. The emulator stores the filter without applying it; the push bridge applies it.
 * Consumers do not rely on order (each is idempotent and checks the payment's state), and the emulator's
 * ordered delivery costs CPU for every ordering key it has ever seen.
 */
export const subscriptionOptions = (spec: PubsubFunctionSpec) => ({ ackDeadlineSeconds: 60, filter: subscriptionFilter(spec) });

const seconds = (s: number) => ({ seconds: Math.floor(s), nanos: Math.round((s % 1) * 1e9) });

function ignoreAlreadyExists(error: { code?: number }): void {
  if (error.code !== 6) throw error;
}
