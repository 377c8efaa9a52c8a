import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveLaunchCommand } from './emulator-binaries';
import { PrerequisiteMissingError } from './emulator-errors';
import { FIRESTORE_EMULATOR, startFirestoreEmulator } from './firestore-emulator.launcher';
import { parseMainClass } from './jar-manifest';
import { PUBSUB_EMULATOR, startPubsubEmulator } from './pubsub-emulator.launcher';

const SDK = '/usr/lib/google-cloud-sdk/platform';
const FIRESTORE_JAR = `${SDK}/cloud-firestore-emulator/cloud-firestore-emulator.jar`;

describe('emulator prerequisites', () => {
  const savedEnv = { ...process.env };
  let scratch: string;

  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'emulator-binaries-'));
  });

  afterEach(() => {
    process.env = { ...savedEnv };
    rmSync(scratch, { recursive: true, force: true });
  });

  it('rejects with one line naming the variable when FIRESTORE_EMULATOR_BINARY_PATH does not exist', async () => {
    // given a broken override
    process.env.FIRESTORE_EMULATOR_BINARY_PATH = '/nonexistent';

    // when the emulator is started
    const failure = await startFirestoreEmulator({ projectId: 'demo' }).catch((error: unknown) => error);

    // then it fails before spawning anything, with a single actionable line
    expect(failure).toBeInstanceOf(PrerequisiteMissingError);
    expect((failure as PrerequisiteMissingError).code).toBe('EMULATOR_NOT_FOUND');
    expect((failure as Error).message).toMatch(/^Firestore emulator not found: FIRESTORE_EMULATOR_BINARY_PATH=\/nonexistent /);
    expect((failure as Error).message).not.toContain('\n');
  });

  it('rejects the same way for a broken PUBSUB_EMULATOR_BINARY_PATH', async () => {
    process.env.PUBSUB_EMULATOR_BINARY_PATH = '/nonexistent';

    const failure = await startPubsubEmulator({ projectId: 'demo' }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(PrerequisiteMissingError);
    expect((failure as Error).message).toMatch(/^Pub\/Sub emulator not found: PUBSUB_EMULATOR_BINARY_PATH=\/nonexistent /);
  });

  it('treats a non-executable launcher script as missing', async () => {
    // given a script without the execute bit
    const script = join(scratch, 'cloud_firestore_emulator');
    writeFileSync(script, '#!/bin/sh\n');
    chmodSync(script, 0o644);

    const failure = resolveLaunchCommand(FIRESTORE_EMULATOR, { emulatorArgs: [], env: { FIRESTORE_EMULATOR_BINARY_PATH: script } });

    await expect(failure).rejects.toBeInstanceOf(PrerequisiteMissingError);
  });

  it('explains how to install Java when none is on PATH or JAVA_HOME', async () => {
    // given an environment without java
    const env = { PATH: scratch, FIRESTORE_EMULATOR_BINARY_PATH: FIRESTORE_JAR };

    // when the launch command is resolved
    const failure = await resolveLaunchCommand(FIRESTORE_EMULATOR, { emulatorArgs: [], env }).catch((error: unknown) => error);

    // then the one-line install hint comes back
    expect((failure as PrerequisiteMissingError).code).toBe('JAVA_NOT_FOUND');
    expect((failure as Error).message).toBe(
      'Java not found: install a JRE 17 (apt-get install openjdk-17-jre-headless) or set JAVA_HOME',
    );
  });

  it('runs a jar without Main-Class through its known main class, with JVM flags first', async () => {
    // given the SDK Firestore jar (its manifest declares no Main-Class)
    const env = { PATH: process.env.PATH, FIRESTORE_EMULATOR_BINARY_PATH: FIRESTORE_JAR };

    const launch = await resolveLaunchCommand(FIRESTORE_EMULATOR, { emulatorArgs: ['start'], jvmArgs: ['-Xss1m'], env });

    expect(launch.command).toMatch(/java$/);
    expect(launch.args).toEqual(['-Xss1m', '-cp', FIRESTORE_JAR, FIRESTORE_EMULATOR.knownMainClass, 'start']);
  });

  it('runs a jar declaring a Main-Class with -jar, found in the SDK without any override', async () => {
    const launch = await resolveLaunchCommand(PUBSUB_EMULATOR, { emulatorArgs: ['--port=1'], env: { PATH: process.env.PATH } });

    expect(launch.args[0]).toBe('-jar');
    expect(launch.args[1]).toMatch(/pubsub-emulator\/lib\/cloud-pubsub-emulator-.*\.jar$/);
    expect(launch.args[2]).toBe('--port=1');
  });

  it('runs a launcher script directly, passing JVM flags through JAVA_TOOL_OPTIONS', async () => {
    const script = `${SDK}/cloud-firestore-emulator/cloud_firestore_emulator`;
    const env = { PATH: process.env.PATH, FIRESTORE_EMULATOR_BINARY_PATH: script, JAVA_TOOL_OPTIONS: '-Dx=1' };

    const launch = await resolveLaunchCommand(FIRESTORE_EMULATOR, { emulatorArgs: ['start'], jvmArgs: ['-Xss1m'], env });

    expect(launch.command).toBe(script);
    expect(launch.args).toEqual(['start']);
    expect(launch.env.JAVA_TOOL_OPTIONS).toBe('-Dx=1 -Xss1m');
  });
});

describe('parseMainClass', () => {
  it('reads a Main-Class folded over continuation lines', () => {
    const manifest = 'Manifest-Version: 1.0\r\nMain-Class: com.example.very.long.pack\r\n age.Main\r\n\r\n';
    expect(parseMainClass(manifest)).toBe('com.example.very.long.package.Main');
  });

  it('returns undefined when the manifest has no Main-Class', () => {
    expect(parseMainClass('Manifest-Version: 1.0\nCreated-By: createjars\n')).toBeUndefined();
  });
});
