// CLI: `IDENTITY_VENDOR_WEBHOOK_SECRET=... tsx infra/sandbox-identity-vendor/main.ts --port 8092`
// Prints one JSON line once listening, so scripts can wait for it and read the URL.
import { parseArgs } from 'node:util';
import { startSandboxIdentityVendor } from './sandbox-identity-vendor.server';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { host: { type: 'string' }, port: { type: 'string' } } });
  const webhookSecret = process.env.IDENTITY_VENDOR_WEBHOOK_SECRET;
  if (!webhookSecret) throw new Error('IDENTITY_VENDOR_WEBHOOK_SECRET must be set');
  const vendor = await startSandboxIdentityVendor({ host: values.host, port: values.port ? Number(values.port) : 0, webhookSecret });
  process.stdout.write(`${JSON.stringify({ service: 'sandbox-identity-vendor', status: 'ready', url: vendor.url })}\n`);
  const stop = () => void vendor.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox-identity-vendor: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
