/**
 * Manual runs: starts the Firestore and Pub/Sub emulators, prints where they listen, and stops
 * both on Ctrl-C.
 *
 *   npx tsx infra/emulators/main.ts [--project demo-payments] [--host 127.0.0.1]
 *     [--firestore-port 8080] [--pubsub-port 8085] [--rules firestore.rules] [--verbose]
 */
import { parseArgs } from 'node:util';
import { PrerequisiteMissingError } from './emulator-errors';
import type { RunningEmulator } from './emulator-process';
import { startFirestoreEmulator } from './firestore-emulator.launcher';
import { startPubsubEmulator } from './pubsub-emulator.launcher';

const { values } = parseArgs({
  options: {
    project: { type: 'string', default: process.env.GCLOUD_PROJECT ?? 'demo-payments' },
    host: { type: 'string', default: '127.0.0.1' },
    'firestore-port': { type: 'string', default: '0' },
    'pubsub-port': { type: 'string', default: '0' },
    rules: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

const running: RunningEmulator[] = [];
let shuttingDown = false;

async function shutdown(exitCode: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    await Promise.allSettled(running.map((emulator) => emulator.stop()));
  }
  process.exit(exitCode);
}

function logger(prefix: string): ((line: string) => void) | undefined {
  return values.verbose ? (line) => console.log(`[${prefix}] ${line}`) : undefined;
}

async function main(): Promise<void> {
  // Registered before starting so Ctrl-C during boot still stops what has come up.
  process.once('SIGINT', () => void shutdown(130));
  process.once('SIGTERM', () => void shutdown(143));

  const track = (emulator: RunningEmulator): RunningEmulator => {
    running.push(emulator);
    return emulator;
  };
  const [firestore, pubsub] = await Promise.all([
    startFirestoreEmulator({
      host: values.host,
      port: Number(values['firestore-port']),
      projectId: values.project,
      rulesPath: values.rules,
      onLog: logger('firestore'),
    }).then(track),
    startPubsubEmulator({
      host: values.host,
      port: Number(values['pubsub-port']),
      projectId: values.project,
      onLog: logger('pubsub'),
    }).then(track),
  ]);
  console.log(`Firestore  ${firestore.hostPort}  export FIRESTORE_EMULATOR_HOST=${firestore.hostPort}`);
  console.log(`Pub/Sub    ${pubsub.hostPort}  export PUBSUB_EMULATOR_HOST=${pubsub.hostPort}`);
  console.log(`Project    ${values.project}`);
  console.log('Press Ctrl-C to stop.');
}

main().catch(async (error: unknown) => {
  console.error(error instanceof PrerequisiteMissingError ? error.message : error);
  await shutdown(error instanceof PrerequisiteMissingError ? 2 : 1);
});
