import { EmulatorStartError } from './emulator-errors';
import { spawnEmulator, type EmulatorProcessOptions } from './emulator-process';
import { findFreePort } from './free-port';
import { processGroupAlive } from './group-probe.test-helper';
import { httpCall } from './http-probe';

// Stand-ins for the JVM emulators: plain node processes, so these tests run in well under a second.
const SERVER_WITH_GRANDCHILD = `
  const { spawn } = require('node:child_process');
  spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  require('node:http').createServer((_, res) => res.end('Ok')).listen(Number(process.argv[1]), '127.0.0.1',
    () => console.log('fake emulator listening'));
`;
const CRASHES_ON_BIND = `console.error('java.net.BindException: Address already in use'); process.exit(3);`;
const NEVER_READY = `console.log('still booting as ' + process.pid); setInterval(() => {}, 1000);`;

async function fakeEmulator(source: string, extra: Partial<EmulatorProcessOptions> = {}) {
  const port = await findFreePort();
  return spawnEmulator({
    name: 'Fake',
    host: '127.0.0.1',
    port,
    launch: { command: process.execPath, args: ['-e', source, String(port)], env: process.env, binaryPath: process.execPath },
    readinessPath: '/',
    ...extra,
  });
}

// Child node processes start slowly when the 2-core box is busy with other suites.
jest.setTimeout(15_000);

describe('spawnEmulator', () => {
  it('resolves once the process answers over HTTP and reports where it listens', async () => {
    // given a fake emulator that serves HTTP
    const lines: string[] = [];
    const emulator = await fakeEmulator(SERVER_WITH_GRANDCHILD, { onLog: (line) => lines.push(line) });
    try {
      // then it is reachable at hostPort
      expect(emulator.hostPort).toBe(`127.0.0.1:${emulator.port}`);
      const answer = await httpCall('GET', `http://${emulator.hostPort}/`, 1000);
      expect(answer?.body).toBe('Ok');
      expect(lines).toContain('fake emulator listening');
    } finally {
      await emulator.stop();
    }
  });

  it('stop() terminates the whole process group, grandchildren included', async () => {
    // given a running emulator whose launcher forked a grandchild in the same group
    const emulator = await fakeEmulator(SERVER_WITH_GRANDCHILD);
    expect(processGroupAlive(emulator.pid)).toBe(true);

    // when it is stopped (twice, as shutdown paths may overlap)
    await Promise.all([emulator.stop(), emulator.stop()]);

    // then no process of its group survives
    expect(processGroupAlive(emulator.pid)).toBe(false);
  });

  it('rejects with the last output lines when the process exits before becoming ready', async () => {
    // when the emulator dies during boot
    const failure = await fakeEmulator(CRASHES_ON_BIND).catch((error: unknown) => error);

    // then the error explains why, using the emulator's own words
    expect(failure).toBeInstanceOf(EmulatorStartError);
    expect((failure as EmulatorStartError).reason).toBe('EXITED_EARLY');
    expect((failure as EmulatorStartError).lastOutput).toContain('java.net.BindException: Address already in use');
    expect((failure as Error).message).toContain('exited with code 3');
  });

  it('gives up after the readiness timeout and kills the process it started', async () => {
    // given a process that never answers HTTP (the generous timeout lets it log even on a busy box)
    const failure = await fakeEmulator(NEVER_READY, { readyTimeoutMs: 1_500 }).catch((error: unknown) => error);

    // then the start fails with a timeout carrying the output seen so far
    expect(failure).toBeInstanceOf(EmulatorStartError);
    expect((failure as EmulatorStartError).reason).toBe('READY_TIMEOUT');
    expect((failure as Error).message).toContain('did not become ready');
    expect((failure as Error).message).toContain('within 1.5s');
    const [line] = (failure as EmulatorStartError).lastOutput;
    expect(line).toMatch(/^still booting as \d+$/);

    // and the process it started is gone
    expect(processGroupAlive(Number(line?.split(' ').pop()))).toBe(false);
  });

  it('rejects with SPAWN_FAILED when the command cannot be executed', async () => {
    // when the launch command does not exist
    const failure = await spawnEmulator({
      name: 'Fake',
      host: '127.0.0.1',
      port: await findFreePort(),
      launch: { command: '/nonexistent/emulator', args: [], env: process.env, binaryPath: '/nonexistent/emulator' },
      readinessPath: '/',
    }).catch((error: unknown) => error);

    // then it fails immediately with a spawn error
    expect((failure as EmulatorStartError).reason).toBe('SPAWN_FAILED');
  });
});
