import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PrerequisiteMissingError } from '../emulators';
import { createMerchantWithKey } from '../scripts/create-merchant';
import { portsFromFirebaseJson } from './local-ports';
import { startLocalStack } from './local-stack';

// `npm start`: the whole backend on this machine, with a demo merchant, until Ctrl-C.
async function main(): Promise<void> {
  const logDir = path.resolve(__dirname, '..', '..', '.local');
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, 'functions.log');
  writeFileSync(logFile, '');
  const started = Date.now();
  const stack = await startLocalStack({
    ports: portsFromFirebaseJson(),
    onProgress: (step) => process.stdout.write(`… ${step}\n`),
    onFunctionsLog: (line) => appendFileSync(logFile, line + '\n'),
  });
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nstopping…\n');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());

  const demo = await createMerchantWithKey('Demo Merchant');
  process.stdout.write(
    [
      '',
      `Payments backend is up (${((Date.now() - started) / 1000).toFixed(1)} s).`,
      `  Merchant API:      ${stack.apiUrl}/v1   (OpenAPI: ${stack.apiUrl}/v1/openapi.json)`,
      `  Demo merchant:     ${demo.merchantId}`,
      `  Test secret key:   ${demo.secretKey}`,
      `  Sandbox processor: ${stack.processorUrl} (test)   ${stack.liveProcessorUrl} (live, also a sandbox)`,
      `  Sandbox acquirer:  ${stack.acquirer.url} (test)   ${stack.liveAcquirer.url} (live, also a sandbox)   notifications to ${stack.apiUrl}/v1/processors/euro_acquirer/notifications`,
      `  Sandbox vault:     ${stack.vault.url} (test)   ${stack.liveVault.url} (live, also a sandbox)   GET/POST /v1/payment_methods (keys in the functions' env)`,
      `  Sandbox bank:      ${stack.bankUrl} (test)   ${stack.liveBankUrl} (live, also a sandbox)   webhooks to ${stack.apiUrl}/v1/webhooks/bank`,
      `  Sandbox FX:        ${stack.fxUrl} (test)   ${stack.liveFxUrl} (live, also a sandbox)`,
      `  Firestore:         ${stack.env.FIRESTORE_EMULATOR_HOST} (firestore.rules loaded)   Pub/Sub: ${stack.env.PUBSUB_EMULATOR_HOST}   Cloud Tasks: ${stack.env.CLOUD_TASKS_EMULATOR_HOST}`,
      `  Firebase Auth:     http://${stack.auth.hostPort}   (apps: connectAuthEmulator(auth, "http://${stack.auth.hostPort}"), any API key)`,
      `  Function logs:     ${logFile}`,
      '',
      'Try:',
      `  curl -s ${stack.apiUrl}/v1/payments -H "Authorization: Bearer ${demo.secretKey}" -H "Content-Type: application/json" \\`,
      `    -d '{"amount":2000,"currency":"usd","payment_method":"pm_card_visa"}'`,
      '',
      'Receive webhooks (signed events, Standard Webhooks) on a local app:',
      `  npm run webhooks:listen -- --key ${demo.secretKey} --forward-to http://localhost:4242/webhook`,
      `  or register your own endpoint: POST ${stack.apiUrl}/v1/webhook_endpoints {"url":"http://localhost:4242/webhook","enabled_events":["*"]}`,
      '',
      'Team members and app users (Firebase Auth emulator): invite the first owner with the secret key, then the user accepts with their ID token:',
      `  curl -s ${stack.apiUrl}/v1/account/members -H "Authorization: Bearer ${demo.secretKey}" -H "Content-Type: application/json" -d '{"email":"you@example.com","role":"owner"}'`,
      `  POST ${stack.apiUrl}/v1/account/invitations/<inv_…>/accept with "Authorization: Bearer <Firebase ID token of you@example.com>"`,
      '',
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  process.stderr.write(error instanceof PrerequisiteMissingError ? `${error.message}\n` : `start failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
