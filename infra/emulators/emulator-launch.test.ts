import { EmulatorStartError } from './emulator-errors';
import { launchEmulator } from './emulator-launch';

// firebase-tools' words when the hub port it was given went to someone else in the meantime.
const HUB_PORT_TAKEN = `console.log('Port 42999 is not open on 127.0.0.1, could not start emulator hub.'); console.error('Error: Could not start emulator hub, port taken.'); process.exit(1);`;
const SERVES = `require('node:http').createServer((_, res) => res.end('Ok')).listen(Number(process.argv[1]), '127.0.0.1');`;
// The Firestore emulator's bind failure as a CI run kept it: its last lines are only the stack's frames.
const JAVA_BIND_FRAMES = `for (let i = 0; i < 40; i++) console.error('\\tat io.netty.channel.Frame' + i + '.run(Frame.java:1)'); console.error('\\tat java.base/sun.nio.ch.Net.bind(Net.java:555)'); for (let i = 0; i < 5; i++) console.error('\\tat io.netty.bootstrap.AbstractBootstrap$2.run(AbstractBootstrap.java:380)'); process.exit(1);`;
const FAILS_OTHERWISE = `console.error('Error: no such project'); process.exit(1);`;

jest.setTimeout(20_000);

function launcher(sources: string[]) {
  const ports: number[] = [];
  const launch = (port: number) => {
    ports.push(port);
    const source = sources[Math.min(ports.length - 1, sources.length - 1)]!;
    return Promise.resolve({ command: process.execPath, args: ['-e', source, String(port)], env: process.env, binaryPath: process.execPath });
  };
  return { ports, launch };
}

describe('launchEmulator on an auto port', () => {
  it.each([
    ['firebase-tools finds a port it was given taken (its hub port went to another process)', HUB_PORT_TAKEN],
    ['a Java emulator fails to bind and only the stack frames are left of what it said', JAVA_BIND_FRAMES],
  ])('starts again on a fresh port when %s', async (_when, firstAttempt) => {
    // given a launch whose first attempt loses its port
    const { ports, launch } = launcher([firstAttempt, SERVES]);
    // when it is launched without a fixed port
    const emulator = await launchEmulator({ name: 'Fake', host: '127.0.0.1', readinessPath: '/', buildLaunch: launch });
    try {
      // then the second attempt, on a port of its own, is the one that runs
      expect(ports).toHaveLength(2);
      expect(emulator.port).toBe(ports[1]);
    } finally {
      await emulator.stop();
    }
  });

  it('does not retry a failure that has nothing to do with ports', async () => {
    // given a launch that fails for another reason
    const { ports, launch } = launcher([FAILS_OTHERWISE]);
    // when it is launched
    const failure = await launchEmulator({ name: 'Fake', host: '127.0.0.1', readinessPath: '/', buildLaunch: launch }).catch((error: unknown) => error);
    // then it fails once, with the emulator's own words
    expect(failure).toBeInstanceOf(EmulatorStartError);
    expect((failure as EmulatorStartError).lastOutput.join('\n')).toContain('no such project');
    expect(ports).toHaveLength(1);
  });
});
