import { createServer } from 'node:net';
import type { LaunchCommand } from './emulator-binaries';
import { EmulatorStartError } from './emulator-errors';
import { spawnEmulator, type EmulatorProcessOptions, type RunningEmulator } from './emulator-process';
import { findFreePort } from './free-port';

export interface EmulatorLaunchOptions extends Omit<EmulatorProcessOptions, 'port' | 'launch'> {
  /** 0 or undefined picks a free port. */
  port?: number;
  buildLaunch(port: number): Promise<LaunchCommand>;
}

/**
 * A free port can be taken by someone else before the emulator binds it (another stack starting
 * beside this one), so auto ports get retried. The JVM says BindException; firebase-tools says
 * "port taken" / "Port N is not open" for its own port and for the hub and logging ports it is given.
 */
const AUTO_PORT_ATTEMPTS = 5;
// The Java emulators print a long stack: the BindException line can scroll out of the kept tail, leaving
// only its frames, and a frame in the JDK's Net.bind says the same thing.
const BIND_FAILURE = /BindException|Address already in use|Failed to bind|port taken|Port \d+ is not open|sun\.nio\.ch\.Net\.bind\(/i;

/**
 * Resolves the command (failing fast on missing prerequisites, before anything is spawned),
 * then starts the emulator on the requested or a free port.
 */
export async function launchEmulator(options: EmulatorLaunchOptions): Promise<RunningEmulator> {
  const { buildLaunch, port: requestedPort, ...processOptions } = options;
  const attempts = requestedPort ? 1 : AUTO_PORT_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    const port = requestedPort || (await findFreePort(options.host));
    const launch = await buildLaunch(port);
    // Without this check a different server already on the port could answer our readiness probe.
    if (requestedPort && !(await isPortFree(options.host, port))) {
      throw new EmulatorStartError('PORT_IN_USE', `${options.name} emulator cannot start: ${options.host}:${port} is already in use`, []);
    }
    try {
      return await spawnEmulator({ ...processOptions, port, launch });
    } catch (error) {
      if (attempt < attempts && isBindFailure(error)) continue;
      throw error;
    }
  }
}

function isBindFailure(error: unknown): boolean {
  return error instanceof EmulatorStartError && error.reason === 'EXITED_EARLY' && error.lastOutput.some((line) => BIND_FAILURE.test(line));
}

function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
