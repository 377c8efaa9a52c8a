import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const MAIN = join(__dirname, 'main.ts');
const children: ChildProcessWithoutNullStreams[] = [];

// A failed assertion must not leave a server behind.
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function startCli(args: string[], secret: string | undefined): ChildProcessWithoutNullStreams {
  const env: NodeJS.ProcessEnv = { ...process.env, BANK_WEBHOOK_SECRET: secret };
  if (secret === undefined) delete env.BANK_WEBHOOK_SECRET;
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), MAIN, '--host', '127.0.0.1', '--port', '0', ...args], { stdio: 'pipe', env });
  children.push(child);
  return child;
}

async function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  let buffered = '';
  for await (const chunk of child.stdout) {
    buffered += String(chunk);
    const newline = buffered.indexOf('\n');
    if (newline >= 0) return buffered.slice(0, newline);
  }
  throw new Error(`CLI ended before printing a line; stderr: ${child.stderr.read() ?? ''}`);
}

const secret = `whsec_${Buffer.from('sandbox-bank-cli-secret-0123456').toString('base64')}`;

describe('sandbox bank CLI', () => {
  it('announces its URL and mode as one JSON line, serves its mode, and exits cleanly on SIGTERM', async () => {
    const child = startCli(['--mode', 'live', '--webhook-url', 'http://127.0.0.1:9/v1/webhooks/bank'], secret);
    const ready = JSON.parse(await firstLine(child));
    expect(ready).toMatchObject({ service: 'sandbox-bank', status: 'ready', mode: 'live', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    const account = await fetch(`${ready.url}/v1/accounts/ba_live_success`, { headers: { authorization: 'Bearer sk_live_cli' } });
    expect(account.status).toBe(200);

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  }, 20_000);

  it('refuses to start without a webhook secret', async () => {
    const child = startCli(['--webhook-url', 'http://127.0.0.1:9/hook'], undefined);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const [code] = await once(child, 'close');
    expect(code).toBe(1);
    expect(stderr).toContain('BANK_WEBHOOK_SECRET must be set');
  }, 20_000);
});
