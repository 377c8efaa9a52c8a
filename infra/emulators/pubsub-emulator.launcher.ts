import { resolveLaunchCommand, type EmulatorBinarySpec } from './emulator-binaries';
import { launchEmulator } from './emulator-launch';
import type { RunningEmulator } from './emulator-process';

export interface PubsubEmulatorOptions {
  host?: string;
  /** 0 or omitted picks a free port. */
  port?: number;
  /** Used for the readiness probe; the emulator itself accepts any project id. */
  projectId: string;
  onLog?: (line: string) => void;
  /** Replaces PUBSUB_JVM_ARGS. */
  jvmArgs?: readonly string[];
  readyTimeoutMs?: number;
}

export const PUBSUB_EMULATOR: EmulatorBinarySpec = {
  displayName: 'Pub/Sub',
  envVar: 'PUBSUB_EMULATOR_BINARY_PATH',
  sdkComponent: 'pubsub-emulator',
  aptPackage: 'google-cloud-cli-pubsub-emulator',
  sdkCandidates: [
    { dir: 'pubsub-emulator/lib', file: /^cloud-pubsub-emulator-.*\.jar$/ },
    { dir: 'pubsub-emulator/bin', file: /^cloud-pubsub-emulator$/ },
  ],
  knownMainClass: 'com.google.cloud.pubsub.testing.v1.Main',
};

export const PUBSUB_JVM_ARGS: readonly string[] = [];

export async function startPubsubEmulator(options: PubsubEmulatorOptions): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  return launchEmulator({
    name: 'Pub/Sub',
    host,
    port: options.port,
    onLog: options.onLog,
    readyTimeoutMs: options.readyTimeoutMs,
    // The REST gateway shares the gRPC port; a listing only succeeds once the service is wired up.
    readinessPath: `/v1/projects/${encodeURIComponent(options.projectId)}/topics`,
    buildLaunch: (port) =>
      resolveLaunchCommand(PUBSUB_EMULATOR, {
        jvmArgs: options.jvmArgs ?? PUBSUB_JVM_ARGS,
        emulatorArgs: [`--host=${host}`, `--port=${port}`],
      }),
  });
}
