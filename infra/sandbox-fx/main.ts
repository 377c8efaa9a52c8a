// CLI: `tsx infra/sandbox-fx/main.ts --host 127.0.0.1 --port 8093 [--quote-ttl-ms 60000]`
// Prints one JSON line once listening, so scripts can wait for it and read the URL.
import { parseArgs } from 'node:util';
import { startSandboxFx } from './sandbox-fx.server';

function integerOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a non-negative integer, got ${value}`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { host: { type: 'string' }, port: { type: 'string' }, 'quote-ttl-ms': { type: 'string' } } });
  const fx = await startSandboxFx({ host: values.host, port: integerOption('port', values.port), quoteTtlMs: integerOption('quote-ttl-ms', values['quote-ttl-ms']) });
  process.stdout.write(`${JSON.stringify({ service: 'sandbox-fx', status: 'ready', url: fx.url, port: fx.port })}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    fx.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`sandbox-fx: close failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox-fx: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
