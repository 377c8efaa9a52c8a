// CLI: `tsx infra/sandbox-processor/main.ts --host 127.0.0.1 --port 8091 [--hang-ms 5000] [--error-attempts 3] [--mode test|live] [--bank-url http://127.0.0.1:8093]`
// Prints one JSON line once listening, so scripts can wait for it and read the URL.
import { parseArgs } from 'node:util';
import { startSandboxProcessor } from './sandbox-processor.server';

function integerOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a non-negative integer, got ${value}`);
  return parsed;
}

function modeOption(value: string | undefined): 'test' | 'live' | undefined {
  if (value === undefined || value === 'test' || value === 'live') return value;
  throw new Error(`--mode must be test or live, got ${value}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'hang-ms': { type: 'string' },
      'error-attempts': { type: 'string' },
      mode: { type: 'string' },
      'bank-url': { type: 'string' },
    },
  });
  const processor = await startSandboxProcessor({
    host: values.host,
    port: integerOption('port', values.port),
    hangMs: integerOption('hang-ms', values['hang-ms']),
    errorAttempts: integerOption('error-attempts', values['error-attempts']),
    mode: modeOption(values.mode),
    bankUrl: values['bank-url'],
  });
  process.stdout.write(`${JSON.stringify({ service: 'sandbox-processor', status: 'ready', url: processor.url, port: processor.port, mode: processor.mode })}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    processor.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`sandbox-processor: close failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox-processor: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
