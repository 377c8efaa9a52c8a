import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const MAIN = join(__dirname, 'main.ts');

const children: ChildProcessWithoutNullStreams[] = [];

// A failed assertion must not leave a server behind.
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function startCli(): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), MAIN, '--host', '127.0.0.1', '--port', '0'], {
    stdio: 'pipe',
  });
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

describe('sandbox FX CLI', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('announces its URL as one JSON line and exits cleanly on %s', async (signal) => {
    const child = startCli();
    const ready = JSON.parse(await firstLine(child));
    expect(ready).toMatchObject({ status: 'ready', url: `http://127.0.0.1:${ready.port}` });

    const reply = await fetch(`${ready.url}/v1/quotes`, { method: 'POST', headers: { authorization: 'Bearer sk_test_cli' }, body: JSON.stringify({ from: 'usd', to: 'eur' }) });
    expect(reply.status).toBe(200);

    const exited = once(child, 'exit');
    child.kill(signal);
    const [code] = await exited;
    expect(code).toBe(0);
  }, 20_000);
});
