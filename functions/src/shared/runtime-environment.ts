// Where this process runs, and the settings that are only safe on the local emulator stack.
// A deployed function (Cloud Functions / Cloud Run set K_SERVICE and K_REVISION) or any process
// without an emulator host refuses to start with a local-only setting:
// a key-encryption key in a file, the public development hash key or an emulator host would quietly
// turn a production deployment into a toy.
type Env = Readonly<Record<string, string | undefined>>;

const DEPLOYED_MARKERS = ['K_SERVICE', 'K_REVISION', 'K_CONFIGURATION', 'FUNCTION_NAME', 'GAE_SERVICE', 'CLOUD_RUN_JOB'] as const;
const EMULATOR_HOSTS = ['FIRESTORE_EMULATOR_HOST', 'FIREBASE_AUTH_EMULATOR_HOST', 'PUBSUB_EMULATOR_HOST', 'CLOUD_TASKS_EMULATOR_HOST'] as const;

/** The hash key the local stack and unit tests use when HASH_PEPPER is unset: public, so never in production. */
export const DEVELOPMENT_HASH_PEPPER = 'development-only-hash-pepper-not-a-secret';

export const isDeployed = (env: Env): boolean => DEPLOYED_MARKERS.some((name) => !!env[name]);

/** On the local emulator stack: an emulator host is set and nothing says this is a deployed service. */
export const onEmulator = (env: Env): boolean => !isDeployed(env) && (!!env.FIRESTORE_EMULATOR_HOST || !!env.FIREBASE_AUTH_EMULATOR_HOST);

/** The local-only settings present in `env`, by name (values are never shown: one may be a secret). */
export function localOnlySettings(env: Env): string[] {
  const found: string[] = [];
  if (env.LOCAL_KEK_PATH) found.push('LOCAL_KEK_PATH');
  if (env.HASH_PEPPER === DEVELOPMENT_HASH_PEPPER) found.push('HASH_PEPPER (the development value)');
  if (isDeployed(env)) for (const host of EMULATOR_HOSTS) if (env[host]) found.push(host);
  return found;
}

/** Why this process must not start, or nothing when it may. */
export function unsafeRuntimeReasons(env: Env): string[] {
  const reasons: string[] = [];
  const local = localOnlySettings(env);
  if (local.length > 0 && !onEmulator(env)) reasons.push(`local-only settings outside the emulator: ${local.join(', ')}`);
  if (isDeployed(env) && !env.HASH_PEPPER) reasons.push('HASH_PEPPER is not set (mount it from Secret Manager)');
  if (isDeployed(env) && env.HASH_PEPPER && env.HASH_PEPPER.length < 32) reasons.push('HASH_PEPPER is shorter than 32 characters');
  return reasons;
}

/** Throws, so the process does not start, when the environment mixes local-only settings with a real deployment. */
export function assertSafeRuntime(env: Env): void {
  const reasons = unsafeRuntimeReasons(env);
  if (reasons.length > 0) throw new Error(`Refusing to start: ${reasons.join('; ')}`);
}
