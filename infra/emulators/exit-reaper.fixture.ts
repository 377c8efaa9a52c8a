/**
 * Test fixture for process-group-reaper.test.ts: starts a fake emulator, prints its process group
 * id, then ends the way argv[2] says ("exit" or "SIGTERM") without calling stop().
 */
import { spawnEmulator } from './emulator-process';
import { findFreePort } from './free-port';

const FAKE = `require('node:http').createServer((_, res) => res.end('Ok')).listen(Number(process.argv[1]), '127.0.0.1');`;

async function main(): Promise<void> {
  const port = await findFreePort();
  const emulator = await spawnEmulator({
    name: 'Fake',
    host: '127.0.0.1',
    port,
    launch: { command: process.execPath, args: ['-e', FAKE, String(port)], env: process.env, binaryPath: process.execPath },
    readinessPath: '/',
  });
  console.log(`pgid ${emulator.pid}`);
  if (process.argv[2] === 'SIGTERM') process.kill(process.pid, 'SIGTERM');
  else process.exit(0);
}

void main();
