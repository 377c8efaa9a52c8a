// CLI: `tsx infra/sandbox-fx/main.ts --host 127.0.0.1 --port 8093 [--quote-ttl-ms 60000]`
// Prints one JSON line once listening, so scripts can wait for it and read the URL.
import { parseArgs } from 'node:util';
import { integerOption, serveSandbox } from '../sandbox-cli';
import { startSandboxFx } from './sandbox-fx.server';

serveSandbox(
  'sandbox-fx',
  () => {
    const { values } = parseArgs({ options: { host: { type: 'string' }, port: { type: 'string' }, 'quote-ttl-ms': { type: 'string' } } });
    return startSandboxFx({ host: values.host, port: integerOption('port', values.port), quoteTtlMs: integerOption('quote-ttl-ms', values['quote-ttl-ms']) });
  },
  (fx) => ({ url: fx.url, port: fx.port }),
);
