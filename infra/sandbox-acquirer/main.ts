// CLI: `ACQUIRER_NOTIFICATION_SECRET=whsec_… tsx infra/sandbox-acquirer/main.ts --mode test --port 8095 [--notification-url <url>] [--confirm-delay-ms 300]`
// Prints one JSON line once listening, so scripts can wait for it and read the URL.
import { parseArgs } from 'node:util';
import { startSandboxAcquirer } from './sandbox-acquirer.server';

function integerOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a non-negative integer, got ${value}`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { host: { type: 'string' }, port: { type: 'string' }, mode: { type: 'string' }, 'notification-url': { type: 'string' }, 'confirm-delay-ms': { type: 'string' } } });
  const mode = values.mode ?? 'test';
  if (mode !== 'test' && mode !== 'live') throw new Error(`--mode must be test or live, got ${mode}`);
  const notificationSecret = process.env.ACQUIRER_NOTIFICATION_SECRET;
  if (values['notification-url'] && !notificationSecret) throw new Error('ACQUIRER_NOTIFICATION_SECRET must be set (whsec_…) to sign notifications');
  const acquirer = await startSandboxAcquirer({
    host: values.host,
    port: integerOption('port', values.port),
    mode,
    notificationUrl: values['notification-url'],
    notificationSecret,
    confirmDelayMs: integerOption('confirm-delay-ms', values['confirm-delay-ms']),
  });
  process.stdout.write(`${JSON.stringify({ service: 'sandbox-acquirer', status: 'ready', mode, url: acquirer.url })}\n`);
  const stop = () => void acquirer.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox-acquirer: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
