// CLI: `ACQUIRER_NOTIFICATION_SECRET=whsec_… tsx infra/sandbox-acquirer/main.ts --mode test --port 8095 [--notification-url <url>] [--confirm-delay-ms 300]`
// Prints one JSON line once listening, so scripts can wait for it and read the URL.
import { parseArgs } from 'node:util';
import { integerOption, modeOption, serveSandbox } from '../sandbox-cli';
import { startSandboxAcquirer } from './sandbox-acquirer.server';

serveSandbox(
  'sandbox-acquirer',
  async () => {
    const { values } = parseArgs({ options: { host: { type: 'string' }, port: { type: 'string' }, mode: { type: 'string' }, 'notification-url': { type: 'string' }, 'confirm-delay-ms': { type: 'string' } } });
    const notificationSecret = process.env.ACQUIRER_NOTIFICATION_SECRET;
    if (values['notification-url'] && !notificationSecret) throw new Error('ACQUIRER_NOTIFICATION_SECRET must be set (whsec_…) to sign notifications');
    return startSandboxAcquirer({
      host: values.host,
      port: integerOption('port', values.port),
      mode: modeOption(values.mode),
      notificationUrl: values['notification-url'],
      notificationSecret,
      confirmDelayMs: integerOption('confirm-delay-ms', values['confirm-delay-ms']),
    });
  },
  (acquirer) => ({ mode: acquirer.mode, url: acquirer.url, port: acquirer.port }),
);
