import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { resolveLaunchCommand, type EmulatorBinarySpec } from './emulator-binaries';
import { launchEmulator } from './emulator-launch';
import type { RunningEmulator } from './emulator-process';
import { httpCall } from './http-probe';

export interface FirestoreEmulatorOptions {
  host?: string;
  /** 0 or omitted picks a free port. */
  port?: number;
  projectId: string;
  rulesPath?: string;
  onLog?: (line: string) => void;
  /** Replaces FIRESTORE_JVM_ARGS, e.g. for benchmarking JVM flags. */
  jvmArgs?: readonly string[];
  readyTimeoutMs?: number;
}

export const FIRESTORE_EMULATOR: EmulatorBinarySpec = {
  displayName: 'Firestore',
  envVar: 'FIRESTORE_EMULATOR_BINARY_PATH',
  sdkComponent: 'cloud-firestore-emulator',
  aptPackage: 'google-cloud-cli-firestore-emulator',
  sdkCandidates: [
    // The jar first: the SDK's bash wrapper re-splits arguments ($*), breaking paths with spaces.
    { dir: 'cloud-firestore-emulator', file: /^cloud-firestore-emulator.*\.jar$/ },
    { dir: 'cloud-firestore-emulator', file: /^cloud_firestore_emulator$/ },
  ],
  knownMainClass: 'com.google.cloud.datastore.emulator.firestore.CloudFirestore',
};

/**
 * -Duser.language=en: the emulator only supports English error messages (as the SDK wrapper).
 * SerialGC + C1-only: measured with firestore-jvm-flags.bench.ts on the 2-core dev box, 8 workers
 * of read-modify-write transactions after a 15 s warm-up, interleaved rounds: ~375 tx/s versus
 * ~185 tx/s with the JVM defaults (G1 + C2), won every paired round, same RSS (~260 MB), and
 * boots slightly faster. C2's compiler threads compete with the emulator and its clients for
 * two cores; on a large idle machine re-measure before copying these flags.
 */
export const FIRESTORE_JVM_ARGS: readonly string[] = ['-Duser.language=en', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'];

const RESET_TIMEOUT_MS = 10_000;

export async function startFirestoreEmulator(options: FirestoreEmulatorOptions): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const rulesPath = options.rulesPath ? await existingFile(options.rulesPath) : undefined;
  return launchEmulator({
    name: 'Firestore',
    host,
    port: options.port,
    onLog: options.onLog,
    readyTimeoutMs: options.readyTimeoutMs,
    readinessPath: '/',
    isReady: (result) => result.status === 200 && result.body.trim() === 'Ok',
    buildLaunch: (port) =>
      resolveLaunchCommand(FIRESTORE_EMULATOR, {
        jvmArgs: options.jvmArgs ?? FIRESTORE_JVM_ARGS,
        emulatorArgs: [
          'start',
          `--host=${host}`,
          `--port=${port}`,
          `--project_id=${options.projectId}`,
          // As firebase-tools does: other project ids still work but are logged as a likely mistake.
          '--single_project_mode=true',
          ...(rulesPath ? [`--rules=${rulesPath}`] : []),
        ],
      }),
  });
}

/** Deletes every document of the project's default database; much faster than a restart. */
export async function resetFirestore(emulator: Pick<RunningEmulator, 'hostPort'>, projectId: string): Promise<void> {
  const path = `/emulator/v1/projects/${encodeURIComponent(projectId)}/databases/(default)/documents`;
  const result = await httpCall('DELETE', `http://${emulator.hostPort}${path}`, RESET_TIMEOUT_MS);
  if (!result || result.status !== 200) {
    throw new Error(`Firestore emulator reset failed on ${emulator.hostPort}: ${result ? `HTTP ${result.status} ${result.body}` : 'no response'}`);
  }
}

async function existingFile(path: string): Promise<string> {
  const absolute = resolve(path);
  const stat = await fs.stat(absolute).catch(() => undefined);
  if (!stat?.isFile()) throw new Error(`Firestore rules file not found: ${absolute}`);
  return absolute;
}
