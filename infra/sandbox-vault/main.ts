// CLI: `tsx infra/sandbox-vault/main.ts --mode test --port 8096`
// Prints one JSON line once listening, so scripts can wait for it and read the URL.
import { parseArgs } from 'node:util';
import { integerOption, modeOption, serveSandbox } from '../sandbox-cli';
import { startSandboxVault } from './sandbox-vault.server';

serveSandbox(
  'sandbox-vault',
  async () => {
    const { values } = parseArgs({ options: { host: { type: 'string' }, port: { type: 'string' }, mode: { type: 'string' } } });
    return startSandboxVault({ host: values.host, port: integerOption('port', values.port), mode: modeOption(values.mode) });
  },
  (vault) => ({ mode: vault.mode, url: vault.url, port: vault.port }),
);
