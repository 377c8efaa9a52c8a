import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrerequisiteMissingError } from './emulator-errors';
import { launchEmulator } from './emulator-launch';
import type { RunningEmulator } from './emulator-process';
import { findFreePort } from './free-port';

export interface AuthEmulatorOptions {
  host?: string;
  /** 0 or omitted picks a free port. */
  port?: number;
  projectId: string;
  onLog?: (line: string) => void;
  readyTimeoutMs?: number;
}

const MISSING = 'Firebase Auth emulator not found: the firebase-tools dev dependency is missing (run npm ci)';

/** The firebase-tools CLI entry point of this checkout, or a one-line prerequisite error. */
export function firebaseCliPath(): string {
  try {
    return require.resolve('firebase-tools/lib/bin/firebase.js');
  } catch {
    throw new PrerequisiteMissingError('EMULATOR_NOT_FOUND', MISSING);
  }
}

/**
 * The Firebase Auth emulator of firebase-tools (`firebase emulators:start --only auth`; pure Node, no
 * Java). Each start gets a firebase.json of its own in a scratch directory, so the emulator hub and
 * logging ports are free ones too and several stacks can run side by side.
 */
export async function startAuthEmulator(options: AuthEmulatorOptions): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const cli = firebaseCliPath();
  return launchEmulator({
    name: 'Firebase Auth',
    host,
    port: options.port,
    onLog: options.onLog,
    readyTimeoutMs: options.readyTimeoutMs,
    readinessPath: `/emulator/v1/projects/${encodeURIComponent(options.projectId)}/config`,
    buildLaunch: async (port) => {
      const dir = mkdtempSync(join(tmpdir(), 'auth-emulator-'));
      const config = {
        emulators: {
          auth: { host, port },
          hub: { host, port: await findFreePort(host) },
          logging: { host, port: await findFreePort(host) },
          ui: { enabled: false },
          singleProjectMode: true,
        },
      };
      writeFileSync(join(dir, 'firebase.json'), JSON.stringify(config));
      return {
        command: process.execPath,
        args: [cli, 'emulators:start', '--only', 'auth', '--project', options.projectId, '--config', join(dir, 'firebase.json')],
        // No update check or usage reporting: the machine has no route to Google, and a demo- project needs none.
        env: { ...process.env, FIREBASE_CLI_DISABLE_UPDATE_CHECK: 'true', NO_UPDATE_NOTIFIER: 'true', CI: 'true' },
        binaryPath: cli,
        cwd: dir,
      };
    },
  });
}
