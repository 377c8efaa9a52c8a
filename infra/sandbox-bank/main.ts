// CLI: `BANK_WEBHOOK_SECRET=whsec_… tsx infra/sandbox-bank/main.ts --mode test --port 8093 --webhook-url http://127.0.0.1:5000/v1/webhooks/bank [--paid-after-ms 300] [--return-after-ms 300]`
// Prints one JSON line once listening, so scripts can wait for it and read the URL.
import { parseArgs } from 'node:util';
import { integerOption } from '../sandbox-cli';
import { startSandboxBank } from './sandbox-bank.server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      mode: { type: 'string' },
      'webhook-url': { type: 'string' },
      'paid-after-ms': { type: 'string' },
      'return-after-ms': { type: 'string' },
    },
  });
  const mode = values.mode ?? 'test';
  if (mode !== 'test' && mode !== 'live') throw new Error(`--mode must be test or live, got ${mode}`);
  const webhookSecret = process.env.BANK_WEBHOOK_SECRET;
  if (!webhookSecret) throw new Error('BANK_WEBHOOK_SECRET must be set (whsec_…)');
  if (!values['webhook-url']) throw new Error('--webhook-url must be set (the functions API /v1/webhooks/bank)');
  const bank = await startSandboxBank({
    host: values.host,
    port: integerOption('port', values.port),
    mode,
    webhookUrl: values['webhook-url'],
    webhookSecret,
    paidAfterMs: integerOption('paid-after-ms', values['paid-after-ms']),
    returnAfterMs: integerOption('return-after-ms', values['return-after-ms']),
  });
  process.stdout.write(`${JSON.stringify({ service: 'sandbox-bank', status: 'ready', mode, url: bank.url })}\n`);
  const stop = () => void bank.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox-bank: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
