import { scheduledFunctions } from '../../functions/src/catalogue/function-catalogue';
import { startFunctionsHost } from './functions-host';
import { startPushBridge } from './pubsub-push-bridge';

// The functions process of the local stack: every function, the Eventarc stand-in and the
// scheduler. It runs apart from the emulators so that it can be killed and restarted mid-run,
// exactly the failure the outbox, named tasks and idempotent handlers exist for.
async function main(): Promise<void> {
  const host = process.env.LOCAL_HOST ?? '127.0.0.1';
  const functionsPort = Number(process.env.LOCAL_FUNCTIONS_PORT ?? 0);
  const apiPort = Number(process.env.LOCAL_API_PORT ?? 0);
  const projectId = process.env.GCLOUD_PROJECT ?? 'demo-payments';
  const log = (line: object) => process.stderr.write(JSON.stringify(line) + '\n');

  const functionsHost = await startFunctionsHost({ host, functionsPort, apiPort });
  const bridge = await startPushBridge({ projectId, functionsUrl: functionsHost.functionsUrl, log });
  const timers = scheduledFunctions().map((spec) =>
    setInterval(() => {
      fetch(`${functionsHost.functionsUrl}/${spec.name}`, { method: 'POST' })
        .then((r) => r.arrayBuffer())
        .catch((error) => log({ severity: 'WARNING', message: 'scheduled call failed', function: spec.name, error: String(error) }));
    }, spec.localEverySeconds * 1000),
  );

  const stop = async () => {
    // Ctrl-C reaches the emulators too; closing clients against a dead emulator must not hang the exit.
    setTimeout(() => process.exit(0), 3_000).unref();
    timers.forEach(clearInterval);
    await bridge.close().catch(() => undefined);
    await functionsHost.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  process.stdout.write(JSON.stringify({ ready: true, apiUrl: functionsHost.apiUrl, functionsUrl: functionsHost.functionsUrl }) + '\n');
}

main().catch((error) => {
  process.stderr.write(`functions runtime failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
