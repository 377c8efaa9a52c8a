import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LaunchCommand } from './emulator-binaries';
import { EmulatorStartError } from './emulator-errors';
import { httpCall, type HttpResult } from './http-probe';
import { processGroupExists, signalProcessGroup, trackProcessGroup, untrackProcessGroup } from './process-group-reaper';

export interface RunningEmulator {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** "127.0.0.1:8080", the form FIRESTORE_EMULATOR_HOST / PUBSUB_EMULATOR_HOST expect. */
  readonly hostPort: string;
  /** Id of the emulator's process group (equal to the spawned child's pid). */
  readonly pid: number;
  /** Terminates the whole process group and resolves once it is gone. Idempotent. */
  stop(): Promise<void>;
}

export interface EmulatorProcessOptions {
  name: string;
  host: string;
  port: number;
  launch: LaunchCommand;
  /** Path polled over HTTP until `isReady` accepts the answer. */
  readinessPath: string;
  isReady?: (result: HttpResult) => boolean;
  readyTimeoutMs?: number;
  onLog?: (line: string) => void;
}

export const DEFAULT_READY_TIMEOUT_MS = 60_000;
const POLL_INTERVAL_MS = 200;
const PROBE_TIMEOUT_MS = 2_000;
const TERM_GRACE_MS = 5_000;
const KILL_WAIT_MS = 5_000;
const OUTPUT_LINES_KEPT = 20;

export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Spawns the emulator in its own process group and resolves once it answers over HTTP. */
export async function spawnEmulator(options: EmulatorProcessOptions): Promise<RunningEmulator> {
  const { name, host, port, launch } = options;
  const hostPort = formatHostPort(host, port);
  const tail: string[] = [];
  const child = spawn(launch.command, launch.args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: launch.env, cwd: launch.cwd });
  const spawnFailure = new Promise<Error>((resolve) => child.once('error', resolve));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));

  if (child.pid === undefined) {
    const error = await spawnFailure;
    throw new EmulatorStartError('SPAWN_FAILED', `${name} emulator could not be started (${launch.command}): ${error.message}`, []);
  }
  const pgid = child.pid;
  trackProcessGroup(pgid);
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      tail.push(line);
      if (tail.length > OUTPUT_LINES_KEPT) tail.shift();
      options.onLog?.(line);
    });
  }

  let stopping: Promise<void> | undefined;
  const emulator: RunningEmulator = {
    name,
    host,
    port,
    hostPort,
    pid: pgid,
    stop: () => (stopping ??= terminateGroup(pgid, child, exited).finally(() => untrackProcessGroup(pgid))),
  };

  const readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const isReady = options.isReady ?? ((result: HttpResult) => result.status === 200);
  const url = `http://${hostPort}${options.readinessPath}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (hasExited(child)) {
      // Let the pipes drain so the error carries the emulator's own explanation.
      await Promise.race([closed, sleep(1_000, undefined, { ref: false })]);
      await emulator.stop();
      const how = child.signalCode ? `signal ${child.signalCode}` : `code ${child.exitCode}`;
      throw new EmulatorStartError('EXITED_EARLY', `${name} emulator exited with ${how} before becoming ready on ${hostPort}`, [...tail]);
    }
    const result = await httpCall('GET', url, PROBE_TIMEOUT_MS);
    if (result && isReady(result) && !hasExited(child)) return emulator;
    if (Date.now() >= deadline) {
      await emulator.stop();
      const summary = `${name} emulator did not become ready on ${hostPort} within ${readyTimeoutMs / 1000}s`;
      throw new EmulatorStartError('READY_TIMEOUT', summary, [...tail]);
    }
    await Promise.race([exited, sleep(POLL_INTERVAL_MS)]);
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM lets the JVM run its shutdown hooks; SIGKILL is the fallback for a wedged one. */
async function terminateGroup(pgid: number, child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (processGroupExists(pgid)) {
    signalProcessGroup(pgid, 'SIGTERM');
    if (!(await waitUntilGone(pgid, TERM_GRACE_MS))) {
      signalProcessGroup(pgid, 'SIGKILL');
      await waitUntilGone(pgid, KILL_WAIT_MS);
    }
  }
  if (!hasExited(child)) await Promise.race([exited, sleep(KILL_WAIT_MS, undefined, { ref: false })]);
  child.stdout?.destroy();
  child.stderr?.destroy();
}

async function waitUntilGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (processGroupExists(pgid)) {
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}
