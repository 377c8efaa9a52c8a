import * as grpc from '@grpc/grpc-js';
import { PubSub } from '@google-cloud/pubsub';
import { CloudTasksClient } from '@google-cloud/tasks';
import { z } from 'zod';
import { functionForQueue } from './catalogue/function-catalogue';
import { firestoreMerchantCountries } from './merchants/adapters/merchant-countries.firestore';
import { sanctionsLists } from './compliance/adapters/sanctions-lists.instance';
import { sanctionsGate } from './compliance/application/sanctions-payment.gate';
import { PAYMENT_EVENTS_TOPIC } from './contracts/payment-events.v1';
import { firestoreFraudModule, FraudModule } from './fraud/adapters/fraud-module';
import { FirestoreLedgerReader } from './ledger/adapters/ledger.firestore-reader';
import { LedgerReader } from './ledger/application/ledger.reader';
import { CachedMerchantRepository } from './merchants/adapters/merchant.cached-repository';
import { FirestoreMerchantRepository } from './merchants/adapters/merchant.firestore-repository';
import { MerchantRepository } from './merchants/application/merchant.repository';
import { FirestorePaymentRepository } from './payments/adapters/payment.firestore-repository';
import { HttpProcessorGateway } from './payments/adapters/processor.http-gateway';
import { ProcessorByMode } from './payments/adapters/processor.by-mode';
import { processorModesConfig } from './payments/adapters/processor-modes.config';
import { identityVendorModesConfig } from './identity/adapters/identity-vendor-modes.config';
import { CloudTasksQueue } from './platform/adapters/task-queue.cloud-tasks';
import { AVAILABLE_GATES, enabledGates, GateCheck, PaymentGate } from './payments/application/payment-gates';
import { PaymentRepository } from './payments/application/payment.repository';
import { StuckWorkFinder } from './payments/application/stuck-work.finder';
import { ProcessorGateway } from './payments/application/processor.gateway';
import { TaskQueue } from './platform/application/task-queue';
import { DeadLetterStore, FirestoreDeadLetterStore } from './platform/adapters/dead-letter.firestore-store';
import { PubsubEventPublisher } from './platform/adapters/event.pubsub-publisher';
import { firestore } from './platform/adapters/firestore-client';
import { FirestoreOutboxStore } from './platform/adapters/outbox.firestore-store';
import { OutboxRelay } from './platform/application/outbox-relay';
import { Clock, systemClock } from './shared/clock';
import { Logger, logger } from './shared/logger';

// Configuration is validated once at cold start: a misconfigured deployment fails loudly at boot,
// not on the first payment.
const Env = z.object({
  GCLOUD_PROJECT: z.string().min(1).default('demo-payments'),
  TASKS_LOCATION: z.string().default('us-central1'),
  FUNCTIONS_BASE_URL: z.url(),
  // PROCESSOR_TEST_* / PROCESSOR_LIVE_* are read and checked by processorModesConfig.
  PROCESSOR_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
  CLOUD_TASKS_EMULATOR_HOST: z.string().optional(),
  TASKS_SERVICE_ACCOUNT: z.string().optional(),
  /** Comma-separated gates to run before authorisation; unset = every available gate. */
  PAYMENT_GATES: z.string().optional(),
});

export interface Deps {
  projectId: string;
  clock: Clock;
  log: Logger;
  payments: PaymentRepository;
  /** Stuck processing payments and pending refunds, for the sweep. */
  stuck: StuckWorkFinder;
  merchants: MerchantRepository;
  ledger: LedgerReader;
  processor: ProcessorGateway;
  tasks: TaskQueue;
  relay: OutboxRelay;
  deadLetters: DeadLetterStore;
  gates: readonly PaymentGate[];
  gateChecks: Readonly<Record<string, GateCheck>>;
  fraud: FraudModule;
}

let instance: Deps | undefined;

/**
 * Called when the functions module loads (cold start): a deployment whose test-mode processor is
 * not a sandbox, or whose live configuration is incomplete or equals the test one, refuses to start
 * with one error naming every problem, before it serves any request.
 */
export function checkStartupConfiguration(env: Record<string, string | undefined> = process.env): void {
  processorModesConfig(env);
  // Likewise the identity vendor, wherever it is configured.
  if (env.IDENTITY_VENDOR_URL !== undefined || env.IDENTITY_VENDOR_TEST_URL !== undefined || env.IDENTITY_VENDOR_LIVE_URL !== undefined) identityVendorModesConfig(env);
}

export function deps(): Deps {
  instance ??= build();
  return instance;
}

function build(): Deps {
  const env = Env.parse(process.env);
  const processors = processorModesConfig(process.env);
  const db = firestore();
  const log = logger;
  const fraud = firestoreFraudModule(db, { processors, timeoutMs: env.PROCESSOR_TIMEOUT_MS, clock: systemClock });
  const relay = new OutboxRelay(new PubsubEventPublisher(new PubSub({ projectId: env.GCLOUD_PROJECT }), PAYMENT_EVENTS_TOPIC), new FirestoreOutboxStore(db), log);
  const payments = new FirestorePaymentRepository(db, (events) => relay.publishCommitted(events));
  return {
    projectId: env.GCLOUD_PROJECT,
    clock: systemClock,
    log,
    payments,
    stuck: payments,
    merchants: new CachedMerchantRepository(new FirestoreMerchantRepository(db)),
    ledger: new FirestoreLedgerReader(db),
    // One client per mode, chosen by each payment's livemode: test traffic cannot reach a live processor.
    processor: new ProcessorByMode({
      test: new HttpProcessorGateway({ mode: 'test', ...processors.test, timeoutMs: env.PROCESSOR_TIMEOUT_MS }),
      live: processors.live && new HttpProcessorGateway({ mode: 'live', ...processors.live, timeoutMs: env.PROCESSOR_TIMEOUT_MS }),
    }),
    tasks: new CloudTasksQueue(cloudTasksClient(env), {
      project: env.GCLOUD_PROJECT,
      location: env.TASKS_LOCATION,
      targetUrl: (queue) => `${env.FUNCTIONS_BASE_URL.replace(/\/$/, '')}/${functionForQueue(queue).name}`,
      serviceAccountEmail: env.TASKS_SERVICE_ACCOUNT,
    }),
    relay,
    deadLetters: new FirestoreDeadLetterStore(db),
    gates: enabledGates(AVAILABLE_GATES, env.PAYMENT_GATES),
    // Each gate's check is registered here by its context (fraud, compliance).
    gateChecks: {
      fraud: fraud.gate,
      sanctions: sanctionsGate({ lists: sanctionsLists, merchants: firestoreMerchantCountries(db), cards: fraud.cards, geo: fraud.geo, clock: systemClock }),
    },
    fraud,
  };
}

// The production client, pointed at the local emulator when one is configured.
function cloudTasksClient(env: z.infer<typeof Env>): CloudTasksClient {
  if (!env.CLOUD_TASKS_EMULATOR_HOST) return new CloudTasksClient();
  const [host, port] = env.CLOUD_TASKS_EMULATOR_HOST.split(':');
  return new CloudTasksClient({
    apiEndpoint: host,
    port: Number(port),
    sslCreds: grpc.credentials.createInsecure(),
    projectId: env.GCLOUD_PROJECT,
    universeDomain: 'googleapis.com',
  });
}
