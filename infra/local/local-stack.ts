import { startAuthEmulator, startFirestoreEmulator, startPubsubEmulator, findFreePort, RunningEmulator } from '../emulators';
import { startCloudTasksEmulator } from '../cloud-tasks-emulator/cloud-tasks-emulator';
import type { DeliveryFaults } from '../cloud-tasks-emulator/delivery-faults';
import { startSandboxProcessor, type SandboxProcessor } from '../sandbox-processor/sandbox-processor.server';
import { startSandboxAcquirer, type SandboxAcquirer } from '../sandbox-acquirer/sandbox-acquirer.server';
import { startSandboxVault, type SandboxVault } from '../sandbox-vault/sandbox-vault.server';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { startSandboxIdentityVendor } from '../sandbox-identity-vendor/sandbox-identity-vendor.server';
import { startSandboxBank } from '../sandbox-bank/sandbox-bank.server';
import { startSandboxFx } from '../sandbox-fx/sandbox-fx.server';
import { FunctionsRuntimeProcess, spawnFunctionsRuntime } from './functions-runtime.process';
import { provision } from './provision';
import { LocalPorts } from './local-ports';

export interface LocalStackOptions {
  ports: LocalPorts | 'free';
  projectId?: string;
  processor?: { hangMs?: number; errorAttempts?: number };
  identityVendor?: { hangMs?: number; errorAttempts?: number };
  /** How long the sandbox banks take to pay a transfer, and to return a returning one after paying it. */
  bank?: { paidAfterMs?: number; returnAfterMs?: number };
  /** Simulation only: duplicated and reordered Cloud Tasks deliveries. */
  taskDeliveryFaults?: DeliveryFaults;
  onProgress?: (step: string) => void;
  onFunctionsLog?: (line: string) => void;
  /** Extra configuration for the functions process (e.g. a shorter processor timeout in tests). */
  functionsEnv?: Record<string, string>;
}

export interface LocalStack {
  apiUrl: string;
  functionsUrl: string;
  /** The test-mode sandbox processor (sk_test_ payments). */
  processorUrl: string;
  /** A second sandbox instance flagged live: local sk_live_ payments land here, never on the test one. */
  liveProcessorUrl: string;
  /** The test-mode sandbox processor itself: tests and the failover bench can stop it (setDown). */
  primaryProcessor: SandboxProcessor;
  /** The second processor, the sandbox European acquirer (test mode): tests can take it down (setDown). */
  acquirer: SandboxAcquirer;
  liveAcquirer: SandboxAcquirer;
  /** The platform's card vault (test, and a live-flagged sandbox): it describes and issues the pm_ tokens. */
  vault: SandboxVault;
  liveVault: SandboxVault;
  /** The identity vendor sandbox test-mode KYB goes to. */
  identityVendorUrl: string;
  /** A second sandbox vendor playing the live one (live KYB, end-user KYC). */
  liveIdentityVendorUrl: string;
  /** The test-mode sandbox bank (test payouts; its webhooks go to the API's /v1/webhooks/bank). */
  bankUrl: string;
  /** A second sandbox bank flagged live: local live payouts land here, never on the test one. */
  liveBankUrl: string;
  /** The sandbox FX provider test-mode quotes come from (FX_TEST_URL). */
  fxUrl: string;
  /** A second sandbox FX provider for live quotes (FX_LIVE_URL), so test and live never share one. */
  liveFxUrl: string;
  projectId: string;
  env: Record<string, string>;
  firestore: RunningEmulator;
  /** The Firebase Auth emulator (FIREBASE_AUTH_EMULATOR_HOST): users sign up and get ID tokens here. */
  auth: RunningEmulator;
  restartFunctions(): Promise<void>;
  killFunctions(): Promise<void>;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const LOCATION = 'us-central1';

/** The whole backend on one machine: emulators, Cloud Tasks, the sandbox processor and every function. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const projectId = options.projectId ?? 'demo-payments';
  const progress = options.onProgress ?? (() => undefined);
  // With 'free', every server binds port 0 itself (no window for another process to take a port
  // chosen in advance); only the functions process needs its ports up front, and is retried.
  const ports = options.ports === 'free' ? null : options.ports;
  const stoppers: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  };
  try {
    progress('starting the Firestore, Pub/Sub and Firebase Auth emulators');
    const [firestore, pubsub, auth] = await Promise.all([
      // With the project's security rules, so the apps (Firebase SDK) read exactly what they would in production.
      startFirestoreEmulator({ host: HOST, port: ports?.firestore, projectId, rulesPath: path.resolve(__dirname, '..', '..', 'firestore.rules') }),
      startPubsubEmulator({ host: HOST, port: ports?.pubsub, projectId }),
      startAuthEmulator({ host: HOST, port: ports?.auth, projectId }),
    ]);
    stoppers.push(() => firestore.stop(), () => pubsub.stop(), () => auth.stop());
    progress('starting the Cloud Tasks emulator and the sandbox processor');
    const tasks = await startCloudTasksEmulator({ host: HOST, port: ports?.tasks ?? 0, log: (line) => options.onFunctionsLog?.(JSON.stringify(line)), deliveryFaults: options.taskDeliveryFaults });
    stoppers.push(() => tasks.close());
    // The banks post transfer outcomes to the API (asked at each event: the API port may be chosen again
    // below), each signed with its own Standard Webhooks secret made up per stack (the test bank cannot
    // vouch for a live payout). A test and a live bank, like the processor.
    const bankWebhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
    const liveBankWebhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
    const bankWebhookUrl = () => `http://${HOST}:${fnPorts.api}/v1/webhooks/bank`;
    const bank = await startSandboxBank({ host: HOST, port: 0, mode: 'test', webhookUrl: bankWebhookUrl, webhookSecret: bankWebhookSecret, ...options.bank });
    stoppers.push(() => bank.close());
    const liveBank = await startSandboxBank({ host: HOST, port: 0, mode: 'live', webhookUrl: bankWebhookUrl, webhookSecret: liveBankWebhookSecret, ...options.bank });
    stoppers.push(() => liveBank.close());
    const fx = await startSandboxFx({ host: HOST, port: 0 });
    stoppers.push(() => fx.close());
    const liveFx = await startSandboxFx({ host: HOST, port: 0 });
    stoppers.push(() => liveFx.close());
    // Each processor pays its days' net into the bank of its mode (the reconciliation's deposits), and
    // notifies disputes to the API, signed with a secret of its mode.
    const processorSecret = `whsec_${randomBytes(24).toString('base64')}`;
    const liveProcessorSecret = `whsec_${randomBytes(24).toString('base64')}`;
    const processorNotificationUrl = () => `http://${HOST}:${fnPorts.api}/v1/processors/sandbox_processor/notifications`;
    const processor = await startSandboxProcessor({ host: HOST, port: ports?.processor ?? 0, ...options.processor, mode: 'test', bankUrl: bank.url, notificationUrl: processorNotificationUrl, notificationSecret: processorSecret });
    stoppers.push(() => processor.close());
    // Locally "live" is a second sandbox that declares livemode: true, so a live key's payment moves
    // no real money and still cannot land on (or be confused with) the test processor.
    const liveProcessor = await startSandboxProcessor({ host: HOST, port: 0, ...options.processor, mode: 'live', bankUrl: liveBank.url, notificationUrl: processorNotificationUrl, notificationSecret: liveProcessorSecret });
    stoppers.push(() => liveProcessor.close());
    // The second processor: a European acquirer with an API of its own, confirming captures and refunds
    // by signed notification to the API (each mode signing with its own secret), and paying its days'
    // net into the bank of its mode like the first.
    const acquirerSecret = `whsec_${randomBytes(24).toString('base64')}`;
    const liveAcquirerSecret = `whsec_${randomBytes(24).toString('base64')}`;
    const notificationUrl = () => `http://${HOST}:${fnPorts.api}/v1/processors/euro_acquirer/notifications`;
    const acquirer = await startSandboxAcquirer({ host: HOST, port: 0, mode: 'test', notificationUrl, notificationSecret: acquirerSecret, bankUrl: bank.url, ...options.processor });
    stoppers.push(() => acquirer.close());
    const liveAcquirer = await startSandboxAcquirer({ host: HOST, port: 0, mode: 'live', notificationUrl, notificationSecret: liveAcquirerSecret, bankUrl: liveBank.url, ...options.processor });
    stoppers.push(() => liveAcquirer.close());
    const vault = await startSandboxVault({ host: HOST, port: 0, mode: 'test' });
    stoppers.push(() => vault.close());
    const liveVault = await startSandboxVault({ host: HOST, port: 0, mode: 'live' });
    stoppers.push(() => liveVault.close());
    // The identity vendor signs its webhooks with a secret made up per stack; it calls back through the API port.
    const identityVendorSecret = randomBytes(24).toString('hex');
    const identityVendor = await startSandboxIdentityVendor({ host: HOST, port: 0, webhookSecret: identityVendorSecret, ...options.identityVendor });
    stoppers.push(() => identityVendor.close());
    // As for the processor, "live" is a second sandbox: live KYB and end-user KYC go there, test KYB to the first.
    const liveIdentityVendor = await startSandboxIdentityVendor({ host: HOST, port: 0, webhookSecret: identityVendorSecret, ...options.identityVendor });
    stoppers.push(() => liveIdentityVendor.close());

    let fnPorts = ports ?? (await freeFunctionPorts());
    const env: Record<string, string> = {
      GCLOUD_PROJECT: projectId,
      FIRESTORE_EMULATOR_HOST: firestore.hostPort,
      PUBSUB_EMULATOR_HOST: pubsub.hostPort,
      CLOUD_TASKS_EMULATOR_HOST: `${HOST}:${tasks.port}`,
      TASKS_LOCATION: LOCATION,
      ...functionPortsEnv(fnPorts),
      PROCESSOR_TEST_URL: processor.url,
      PROCESSOR_TEST_API_KEY: `sk_test_local_${randomBytes(12).toString('hex')}`,
      PROCESSOR_LIVE_URL: liveProcessor.url,
      PROCESSOR_LIVE_API_KEY: `sk_live_local_${randomBytes(12).toString('hex')}`,
      PROCESSOR_NOTIFICATION_SECRETS: processorSecret,
      PROCESSOR_LIVE_NOTIFICATION_SECRETS: liveProcessorSecret,
      ACQUIRER_TEST_URL: acquirer.url,
      ACQUIRER_TEST_API_KEY: `ak_test_local_${randomBytes(12).toString('hex')}`,
      ACQUIRER_LIVE_URL: liveAcquirer.url,
      ACQUIRER_LIVE_API_KEY: `ak_live_local_${randomBytes(12).toString('hex')}`,
      ACQUIRER_NOTIFICATION_SECRETS: acquirerSecret,
      ACQUIRER_LIVE_NOTIFICATION_SECRETS: liveAcquirerSecret,
      VAULT_TEST_URL: vault.url,
      VAULT_TEST_API_KEY: `vk_test_local_${randomBytes(12).toString('hex')}`,
      VAULT_LIVE_URL: liveVault.url,
      VAULT_LIVE_API_KEY: `vk_live_local_${randomBytes(12).toString('hex')}`,
      IDENTITY_VENDOR_TEST_URL: identityVendor.url,
      IDENTITY_VENDOR_LIVE_URL: liveIdentityVendor.url,
      IDENTITY_VENDOR_WEBHOOK_SECRET: identityVendorSecret,
      BANK_TEST_URL: bank.url,
      BANK_TEST_API_KEY: `sk_test_local_${randomBytes(12).toString('hex')}`,
      BANK_LIVE_URL: liveBank.url,
      BANK_LIVE_API_KEY: `sk_live_local_${randomBytes(12).toString('hex')}`,
      BANK_WEBHOOK_SECRET: bankWebhookSecret,
      BANK_LIVE_WEBHOOK_SECRET: liveBankWebhookSecret,
      FX_TEST_URL: fx.url,
      FX_TEST_API_KEY: `sk_test_local_${randomBytes(12).toString('hex')}`,
      FX_LIVE_URL: liveFx.url,
      FX_LIVE_API_KEY: `sk_live_local_${randomBytes(12).toString('hex')}`,
      // firebase-admin verifies ID tokens and sets custom claims against the Auth emulator, as in production.
      FIREBASE_AUTH_EMULATOR_HOST: auth.hostPort,
      LOCAL_KEK_PATH: path.resolve(__dirname, '..', '..', '.local', 'kek.key'),
      // A key of its own for webhook signing secrets, as the webhook-secrets KMS key is in production.
      LOCAL_WEBHOOK_KEK_PATH: path.resolve(__dirname, '..', '..', '.local', 'webhook-kek.key'),
      LOCAL_HOST: HOST,
      // No metadata server exists locally; without this the Google clients probe for one and warn.
      METADATA_SERVER_DETECTION: 'none',
      ...options.functionsEnv,
    };
    Object.assign(process.env, env);
    progress('creating topics, subscriptions and queues');
    await provision({ projectId, location: LOCATION, pubsubHost: pubsub.hostPort, tasksHost: HOST, tasksPort: tasks.port });

    progress('starting the functions');
    const log = options.onFunctionsLog ?? (() => undefined);
    let runtime: FunctionsRuntimeProcess | null = null;
    for (let attempt = 1; !runtime; attempt++) {
      try {
        runtime = await spawnFunctionsRuntime(env, log);
      } catch (error) {
        // Another process may have taken a port between choosing and binding it: choose again.
        if (ports || attempt >= 3) throw error;
        fnPorts = await freeFunctionPorts();
        Object.assign(env, functionPortsEnv(fnPorts));
        Object.assign(process.env, env);
      }
    }
    stoppers.push(async () => runtime?.stop());

    return {
      apiUrl: `http://${HOST}:${fnPorts.api}`,
      functionsUrl: env.FUNCTIONS_BASE_URL,
      processorUrl: processor.url,
      liveProcessorUrl: liveProcessor.url,
      primaryProcessor: processor,
      acquirer,
      liveAcquirer,
      vault,
      liveVault,
      identityVendorUrl: identityVendor.url,
      liveIdentityVendorUrl: liveIdentityVendor.url,
      bankUrl: bank.url,
      liveBankUrl: liveBank.url,
      fxUrl: fx.url,
      liveFxUrl: liveFx.url,
      projectId,
      env,
      firestore,
      auth,
      killFunctions: async () => {
        await runtime?.kill();
        runtime = null;
      },
      restartFunctions: async () => {
        await runtime?.stop();
        runtime = await spawnFunctionsRuntime(env, log);
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function freeFunctionPorts(): Promise<{ functions: number; api: number }> {
  return { functions: await findFreePort(HOST), api: await findFreePort(HOST) };
}

function functionPortsEnv(p: { functions: number; api: number }): Record<string, string> {
  return {
    FUNCTIONS_BASE_URL: `http://${HOST}:${p.functions}`,
    IDENTITY_WEBHOOK_URL: `http://${HOST}:${p.api}/v1/webhooks/identity-vendor`,
    LOCAL_FUNCTIONS_PORT: String(p.functions),
    LOCAL_API_PORT: String(p.api),
  };
}
