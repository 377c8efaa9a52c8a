import { execFile } from 'node:child_process';
import { constants, promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import which from 'which';
import { PrerequisiteMissingError } from './emulator-errors';
import { readJarMainClass } from './jar-manifest';

/** What is needed to locate one emulator and explain how to install it. */
export interface EmulatorBinarySpec {
  displayName: string;
  /** Same variable names as firebase-tools, so existing setups keep working. */
  envVar: string;
  sdkComponent: string;
  aptPackage: string;
  /** Tried in order, relative to `<sdk root>/platform`; jars first so we control the JVM flags. */
  sdkCandidates: ReadonlyArray<{ dir: string; file: RegExp }>;
  /** Used when a jar has no Main-Class in its manifest. */
  knownMainClass: string;
}

export interface LaunchCommand {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  binaryPath: string;
  /** Working directory of the process (firebase-tools writes its debug log there). */
  cwd?: string;
}

export interface LaunchRequest {
  emulatorArgs: readonly string[];
  jvmArgs?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

const WELL_KNOWN_SDK_ROOTS = ['/usr/lib/google-cloud-sdk', '/usr/share/google-cloud-sdk', '/opt/google-cloud-sdk'];
const GCLOUD_INFO_TIMEOUT_MS = 5000;
const JAVA_MISSING = 'Java not found: install a JRE 17 (apt-get install openjdk-17-jre-headless) or set JAVA_HOME';

/** Builds the command line for an emulator, or rejects with a one-line PrerequisiteMissingError. */
export async function resolveLaunchCommand(spec: EmulatorBinarySpec, request: LaunchRequest): Promise<LaunchCommand> {
  const env = request.env ?? process.env;
  const jvmArgs = request.jvmArgs ?? [];
  const binaryPath = await resolveEmulatorBinary(spec, env);
  const java = await findJava(env);
  if (!java) throw new PrerequisiteMissingError('JAVA_NOT_FOUND', JAVA_MISSING);

  if (binaryPath.endsWith('.jar')) {
    const mainClass = await readJarMainClass(binaryPath).catch(() => undefined);
    const entry = mainClass ? ['-jar', binaryPath] : ['-cp', binaryPath, spec.knownMainClass];
    return { command: java, args: [...jvmArgs, ...entry, ...request.emulatorArgs], env: { ...env }, binaryPath };
  }
  // Launcher scripts pick java from PATH and accept extra JVM flags only through the environment.
  const scriptEnv: NodeJS.ProcessEnv = { ...env, PATH: [dirname(java), env.PATH ?? ''].join(delimiter) };
  if (jvmArgs.length > 0) scriptEnv.JAVA_TOOL_OPTIONS = [env.JAVA_TOOL_OPTIONS, ...jvmArgs].filter(Boolean).join(' ');
  return { command: binaryPath, args: [...request.emulatorArgs], env: scriptEnv, binaryPath };
}

export async function resolveEmulatorBinary(spec: EmulatorBinarySpec, env: NodeJS.ProcessEnv): Promise<string> {
  const override = env[spec.envVar];
  if (override) {
    if (await isUsableBinary(override)) return override;
    throw new PrerequisiteMissingError(
      'EMULATOR_NOT_FOUND',
      `${spec.displayName} emulator not found: ${spec.envVar}=${override} is not an executable script or a .jar; ` +
        `fix or unset it to use the Google Cloud SDK component ${spec.sdkComponent}`,
    );
  }
  for (const root of WELL_KNOWN_SDK_ROOTS.concat(join(homedir(), 'google-cloud-sdk'))) {
    const found = await findInSdk(spec, root);
    if (found) return found;
  }
  const gcloudRoot = await sdkRootFromGcloud(env);
  const found = gcloudRoot ? await findInSdk(spec, gcloudRoot) : undefined;
  if (found) return found;
  throw new PrerequisiteMissingError(
    'EMULATOR_NOT_FOUND',
    `${spec.displayName} emulator not found: install the Google Cloud SDK component ${spec.sdkComponent} ` +
      `(apt-get install ${spec.aptPackage}) or set ${spec.envVar}`,
  );
}

/** JAVA_HOME wins, as in the SDK launcher scripts; otherwise the first java on PATH. */
export async function findJava(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (env.JAVA_HOME) {
    const candidate = join(env.JAVA_HOME, 'bin', 'java');
    if (await isExecutableFile(candidate)) return candidate;
  }
  const onPath = await which('java', { nothrow: true, path: env.PATH ?? '' });
  return onPath ?? undefined;
}

async function findInSdk(spec: EmulatorBinarySpec, sdkRoot: string): Promise<string | undefined> {
  for (const candidate of spec.sdkCandidates) {
    const dir = join(sdkRoot, 'platform', candidate.dir);
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    // Descending order prefers the newest of several versioned jars.
    for (const name of names.filter((n) => candidate.file.test(n)).sort().reverse()) {
      const path = join(dir, name);
      if (await isUsableBinary(path)) return path;
    }
  }
  return undefined;
}

function sdkRootFromGcloud(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return which('gcloud', { nothrow: true, path: env.PATH ?? '' }).then((gcloud) => {
    if (!gcloud) return undefined;
    return new Promise<string | undefined>((resolve) => {
      const args = ['info', '--format=value(installation.sdk_root)'];
      execFile(gcloud, args, { timeout: GCLOUD_INFO_TIMEOUT_MS, env }, (error, stdout) => {
        resolve(error ? undefined : stdout.trim() || undefined);
      });
    });
  });
}

async function isUsableBinary(path: string): Promise<boolean> {
  return path.endsWith('.jar') ? isReadableFile(path) : isExecutableFile(path);
}

async function isReadableFile(path: string): Promise<boolean> {
  const stat = await fs.stat(path).catch(() => undefined);
  return !!stat?.isFile() && (await fs.access(path, constants.R_OK).then(() => true, () => false));
}

async function isExecutableFile(path: string): Promise<boolean> {
  const stat = await fs.stat(path).catch(() => undefined);
  return !!stat?.isFile() && (await fs.access(path, constants.X_OK).then(() => true, () => false));
}
