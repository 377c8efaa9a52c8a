// CLI: `tsx infra/sandbox-processor/main.ts --host 127.0.0.1 --port 8091 [--hang-ms 5000] [--error-attempts 3] [--mode test|live] [--bank-url http://127.0.0.1:8093]`
// Prints one JSON line once listening, so scripts can wait for it and read the URL.
import { parseArgs } from 'node:util';
import { integerOption, modeOption, serveSandbox } from '../sandbox-cli';
import { startSandboxProcessor } from './sandbox-processor.server';

serveSandbox(
  'sandbox-processor',
  () => {
    const { values } = parseArgs({
      options: { host: { type: 'string' }, port: { type: 'string' }, 'hang-ms': { type: 'string' }, 'error-attempts': { type: 'string' }, mode: { type: 'string' }, 'bank-url': { type: 'string' } },
    });
    return startSandboxProcessor({
      host: values.host,
      port: integerOption('port', values.port),
      hangMs: integerOption('hang-ms', values['hang-ms']),
      errorAttempts: integerOption('error-attempts', values['error-attempts']),
      mode: modeOption(values.mode),
      bankUrl: values['bank-url'],
    });
  },
  (processor) => ({ url: processor.url, port: processor.port, mode: processor.mode }),
);
