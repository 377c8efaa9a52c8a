import { parseArgs } from 'node:util';
import { startCloudTasksEmulator } from './cloud-tasks-emulator';

/**
 * CLI: `tsx infra/cloud-tasks-emulator/main.ts [--host 127.0.0.1] [--port 8123] [--dedup-window-ms 3600000]`.
 * Prints one JSON line on stdout when ready; log lines go to stderr.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8123' },
      'dedup-window-ms': { type: 'string' },
    },
  });
  const port = Number(values.port);
  const dedupWindowMs = values['dedup-window-ms'] === undefined ? undefined : Number(values['dedup-window-ms']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`);
  if (dedupWindowMs !== undefined && !(dedupWindowMs >= 0)) throw new Error(`invalid --dedup-window-ms ${values['dedup-window-ms']}`);

  const emulator = await startCloudTasksEmulator({ host: values.host, port, dedupWindowMs });
  process.stdout.write(`${JSON.stringify({ event: 'ready', service: 'cloud-tasks-emulator', host: emulator.host, port: emulator.port })}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => {
        process.stderr.write(`${JSON.stringify({ event: 'stopped', signal })}\n`);
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`${JSON.stringify({ event: 'stop_failed', error: String(error) })}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ event: 'start_failed', error: String(error) })}\n`);
  process.exit(1);
});
