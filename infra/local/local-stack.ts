import { startFirestoreEmulator, startPubsubEmulator, findFreePort, RunningEmulator } from '../emulators';
import { startCloudTasksEmulator } from '../cloud-tasks-emulator/cloud-tasks-emulator';
import { startSandboxProcessor } from '../sandbox-processor/sandbox-processor.server';
import { FunctionsRuntimeProcess, spawnFunctionsRuntime } from './functions-runtime.process';
import { provision } from './provision';
import { LocalPorts } from './local-ports';

export interface LocalStackOptions {
  ports: LocalPorts | 'free';
  projectId?: string;
  processor?: { hangMs?: number; errorAttempts?: number };
  onProgress?: (step: string) => void;
  onFunctionsLog?: (line: string) => void;
  /** Extra configuration for the functions process (e.g. a shorter processor timeout in tests). */
  functionsEnv?: Record<string, string>;
}

export interface LocalStack {
  apiUrl: string;
  functionsUrl: string;
  processorUrl: string;
  projectId: string;
  env: Record<string, string>;
  firestore: RunningEmulator;
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
  const ports = options.ports === 'free' ? await freePorts() : options.ports;
  const stoppers: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  };
  try {
    progress('starting the Firestore and Pub/Sub emulators');
    const [firestore, pubsub] = await Promise.all([
      startFirestoreEmulator({ host: HOST, port: ports.firestore, projectId }),
      startPubsubEmulator({ host: HOST, port: ports.pubsub, projectId }),
    ]);
    stoppers.push(() => firestore.stop(), () => pubsub.stop());
    progress('starting the Cloud Tasks emulator and the sandbox processor');
    const tasks = await startCloudTasksEmulator({ host: HOST, port: ports.tasks, log: (line) => options.onFunctionsLog?.(JSON.stringify(line)) });
    stoppers.push(() => tasks.close());
    const processor = await startSandboxProcessor({ host: HOST, port: ports.processor, ...options.processor });
    stoppers.push(() => processor.close());

    const functionsUrl = `http://${HOST}:${ports.functions}`;
    const env: Record<string, string> = {
      GCLOUD_PROJECT: projectId,
      FIRESTORE_EMULATOR_HOST: firestore.hostPort,
      PUBSUB_EMULATOR_HOST: pubsub.hostPort,
      CLOUD_TASKS_EMULATOR_HOST: `${HOST}:${tasks.port}`,
      TASKS_LOCATION: LOCATION,
      FUNCTIONS_BASE_URL: functionsUrl,
      PROCESSOR_URL: processor.url,
      LOCAL_HOST: HOST,
      // No metadata server exists locally; without this the Google clients probe for one and warn.
      METADATA_SERVER_DETECTION: 'none',
      LOCAL_FUNCTIONS_PORT: String(ports.functions),
      LOCAL_API_PORT: String(ports.api),
      ...options.functionsEnv,
    };
    Object.assign(process.env, env);
    progress('creating topics, subscriptions and queues');
    await provision({ projectId, location: LOCATION, pubsubHost: pubsub.hostPort, tasksHost: HOST, tasksPort: tasks.port });

    progress('starting the functions');
    const log = options.onFunctionsLog ?? (() => undefined);
    let runtime: FunctionsRuntimeProcess | null = await spawnFunctionsRuntime(env, log);
    stoppers.push(async () => runtime?.stop());

    return {
      apiUrl: `http://${HOST}:${ports.api}`,
      functionsUrl,
      processorUrl: processor.url,
      projectId,
      env,
      firestore,
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

async function freePorts(): Promise<LocalPorts> {
  const next = () => findFreePort(HOST);
  return { firestore: await next(), pubsub: await next(), tasks: await next(), processor: await next(), functions: await next(), api: await next() };
}
