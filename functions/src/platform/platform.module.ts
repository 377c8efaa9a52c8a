import { FirebaseIdTokenVerifier } from './adapters/id-token.firebase-verifier';
import type { IdTokenVerifier } from '../shared/id-token.verifier';
import * as grpc from '@grpc/grpc-js';
import { PubSub } from '@google-cloud/pubsub';
import { CloudTasksClient } from '@google-cloud/tasks';
import type { Firestore } from 'firebase-admin/firestore';
import { functionForQueue } from '../catalogue/function-catalogue';
import { PAYMENT_EVENTS_TOPIC } from '../contracts/payment-events.v1';
import { Clock, systemClock } from '../shared/clock';
import { ConfigSection, configured } from '../shared/config-section';
import { createLogger, Logger, LogLevel } from '../shared/logger';
import { DeadLetterStore, FirestoreDeadLetterStore } from './adapters/dead-letter.firestore-store';
import { PubsubEventPublisher } from './adapters/event.pubsub-publisher';
import { firestore } from './adapters/firestore-client';
import { FirestoreOutboxStore } from './adapters/outbox.firestore-store';
import { FirestoreRateLimiter } from './adapters/rate-limiter.firestore';
import { CloudTasksQueue } from './adapters/task-queue.cloud-tasks';
import { OutboxRelay } from './application/outbox-relay';
import { RateLimiter } from './application/rate-limiter';
import { TaskQueue } from './application/task-queue';

/** Where Cloud Tasks delivers: needed only by the functions that enqueue. */
export interface TasksConfig {
  readonly location: string;
  /** FUNCTIONS_BASE_URL: a queue's tasks go to `<base>/<function name>`. */
  readonly functionsBaseUrl: string;
  /** Locally, the Cloud Tasks emulator (host:port). */
  readonly emulatorHost?: string;
  /** In production Cloud Tasks signs each call with this service account's OIDC token. */
  readonly serviceAccount?: string;
}

export interface PlatformConfig {
  readonly projectId: string;
  readonly logLevel: LogLevel;
  readonly tasks: ConfigSection<TasksConfig>;
}

/** What every context shares: the project, clock, logger, Firestore client, task queue, outbox relay and platform stores. */
export interface PlatformModule {
  readonly projectId: string;
  readonly clock: Clock;
  readonly log: Logger;
  readonly db: Firestore;
  readonly tasks: TaskQueue;
  readonly relay: OutboxRelay;
  readonly deadLetters: DeadLetterStore;
  readonly rateLimiter: RateLimiter;
  /** Firebase ID tokens (app users, dashboard members), checked by firebase-admin: the Auth emulator locally. */
  readonly idTokens: IdTokenVerifier;
}

/**
 * Built on a function's first request (a missing FUNCTIONS_BASE_URL fails it there, as it always
 * has). Cheap: the Firestore and Pub/Sub clients open their channels on first use, and the Cloud
 * Tasks client is created on the first enqueue.
 */
export function platformModule(config: PlatformConfig): PlatformModule {
  const tasksConfig = configured(config.tasks);
  const db = firestore(config.projectId);
  const log = createLogger({}, undefined, config.logLevel);
  let queue: TaskQueue | undefined;
  const tasks: TaskQueue = { enqueue: (name, taskName, payload, options) => (queue ??= cloudTasksQueue(config.projectId, tasksConfig)).enqueue(name, taskName, payload, options) };
  const relay = new OutboxRelay(new PubsubEventPublisher(new PubSub({ projectId: config.projectId }), PAYMENT_EVENTS_TOPIC), new FirestoreOutboxStore(db), tasks, log);
  return { projectId: config.projectId, clock: systemClock, log, db, tasks, relay, deadLetters: new FirestoreDeadLetterStore(db), rateLimiter: new FirestoreRateLimiter(db), idTokens: new FirebaseIdTokenVerifier(config.projectId) };
}

function cloudTasksQueue(projectId: string, config: TasksConfig): CloudTasksQueue {
  return new CloudTasksQueue(cloudTasksClient(projectId, config.emulatorHost), {
    project: projectId,
    location: config.location,
    targetUrl: (queue) => `${config.functionsBaseUrl.replace(/\/$/, '')}/${functionForQueue(queue).name}`,
    serviceAccountEmail: config.serviceAccount,
  });
}

// The production client, pointed at the local emulator when one is configured.
function cloudTasksClient(projectId: string, emulatorHost: string | undefined): CloudTasksClient {
  if (!emulatorHost) return new CloudTasksClient();
  const [host, port] = emulatorHost.split(':');
  return new CloudTasksClient({
    apiEndpoint: host,
    port: Number(port),
    sslCreds: grpc.credentials.createInsecure(),
    projectId,
    universeDomain: 'googleapis.com',
  });
}
