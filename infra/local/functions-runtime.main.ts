import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { scheduledFunctions } from '../../functions/src/catalogue/function-catalogue';
import { startFunctionsHost } from './functions-host';
import { startPushBridge } from './pubsub-push-bridge';

// The functions process of the local stack: every function, the Pub/Sub push bridge and the
// scheduler. It runs apart from the emulators so that it can be killed and restarted mid-run,
// exactly the failure the outbox, named tasks and idempotent handlers exist for.
//
// Cloud Functions scales a function out to several instances; locally the functions are served by
// LOCAL_FUNCTIONS_WORKERS worker processes (default: one per core, at most 2) sharing the ports,
// so the chain is not bound to one core. The primary keeps the bridge and the scheduler, which
// must run once, not once per worker.
const host = process.env.LOCAL_HOST ?? '127.0.0.1';
const functionsPort = Number(process.env.LOCAL_FUNCTIONS_PORT ?? 0);
const apiPort = Number(process.env.LOCAL_API_PORT ?? 0);
const projectId = process.env.GCLOUD_PROJECT ?? 'demo-payments';
const workerCount = Math.max(1, Number(process.env.LOCAL_FUNCTIONS_WORKERS ?? Math.min(2, availableParallelism())));
const log = (line: object) => process.stderr.write(JSON.stringify(line) + '\n');

type Urls = { apiUrl: string; functionsUrl: string };

async function serveFunctions(): Promise<Urls & { close(): Promise<void> }> {
  return startFunctionsHost({ host, functionsPort, apiPort });
}

async function runWorker(): Promise<void> {
  const functionsHost = await serveFunctions();
  // A worker never outlives its primary: a killed primary is a crashed instance, workers included.
  process.on('disconnect', () => process.exit(0));
  process.on('SIGINT', () => undefined); // Ctrl-C reaches the whole group; the primary orders the shutdown.
  process.once('SIGTERM', () => {
    setTimeout(() => process.exit(0), 1_000).unref();
    void functionsHost.close().then(() => process.exit(0));
  });
  process.send?.({ ready: true, apiUrl: functionsHost.apiUrl, functionsUrl: functionsHost.functionsUrl });
}

async function startWorkers(): Promise<{ urls: Urls; workers: Set<Worker>; stopping: { value: boolean } }> {
  const workers = new Set<Worker>();
  const stopping = { value: false };
  const fork = () =>
    new Promise<Urls>((resolve, reject) => {
      const worker = cluster.fork();
      workers.add(worker);
      worker.once('message', (message: Urls & { ready?: boolean }) => (message.ready ? resolve(message) : undefined));
      worker.once('exit', (code) => {
        workers.delete(worker);
        reject(new Error(`functions worker exited with code ${code} before it was ready`));
        // A worker that dies while serving is replaced, as Cloud Functions replaces a crashed instance.
        if (!stopping.value) {
          log({ severity: 'ERROR', message: 'functions worker died; starting a new one', code });
          fork().catch((error) => log({ severity: 'ERROR', message: 'replacement worker failed', error: String(error) }));
        }
      });
    });
  const [urls] = await Promise.all(Array.from({ length: workerCount }, fork));
  return { urls, workers, stopping };
}

async function main(): Promise<void> {
  if (cluster.isWorker) return runWorker();
  let urls: Urls;
  let closeFunctions: () => Promise<void>;
  let workerPids: number[] = [process.pid];
  if (workerCount > 1) {
    const started = await startWorkers();
    urls = started.urls;
    workerPids = [...started.workers].map((w) => w.process.pid!).filter(Boolean);
    closeFunctions = async () => {
      started.stopping.value = true;
      await Promise.all([...started.workers].map((w) => new Promise<void>((resolve) => (w.once('exit', () => resolve()), w.process.kill('SIGTERM')))));
    };
  } else {
    const functionsHost = await serveFunctions();
    urls = functionsHost;
    closeFunctions = () => functionsHost.close();
  }

  // Pushes and scheduled calls go where Cloud Tasks sends its tasks (FUNCTIONS_BASE_URL, the functions'
  // own URL unless the bench puts its invocation-counting proxy in between).
  const invokeUrl = process.env.FUNCTIONS_BASE_URL ?? urls.functionsUrl;
  const bridge = await startPushBridge({ projectId, functionsUrl: invokeUrl, log });
  const timers = scheduledFunctions().map((spec) =>
    setInterval(() => {
      fetch(`${invokeUrl}/${spec.name}`, { method: 'POST' })
        .then((r) => r.arrayBuffer())
        .catch((error) => log({ severity: 'WARNING', message: 'scheduled call failed', function: spec.name, error: String(error) }));
    }, spec.localEverySeconds * 1000),
  );

  const stop = async () => {
    // Ctrl-C reaches the emulators too; closing clients against a dead emulator must not hang the exit.
    setTimeout(() => process.exit(0), 3_000).unref();
    timers.forEach(clearInterval);
    await bridge.close().catch(() => undefined);
    await closeFunctions();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  process.stdout.write(JSON.stringify({ ready: true, apiUrl: urls.apiUrl, functionsUrl: urls.functionsUrl, pids: workerPids }) + '\n');
}

main().catch((error) => {
  process.stderr.write(`functions runtime failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
