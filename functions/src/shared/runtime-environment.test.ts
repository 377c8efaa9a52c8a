import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { assertSafeRuntime, DEVELOPMENT_HASH_PEPPER, unsafeRuntimeReasons } from './runtime-environment';

const PEPPER = 'p'.repeat(40);
const emulator = { FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080', PUBSUB_EMULATOR_HOST: '127.0.0.1:8085' };
const deployed = { K_SERVICE: 'create-payment', K_REVISION: 'create-payment-00001', HASH_PEPPER: PEPPER };

describe('refusing local-only settings outside the emulator', () => {
  it('given the local stack (emulator hosts, key file, no pepper), then it may start', () => {
    expect(unsafeRuntimeReasons({ ...emulator, LOCAL_KEK_PATH: '.local/kek.key' })).toEqual([]);
  });

  it('given a clean deployment (Secret Manager pepper, KMS), then it may start', () => {
    expect(unsafeRuntimeReasons({ ...deployed, KMS_KEY_NAME: 'projects/p/locations/l/keyRings/r/cryptoKeys/k' })).toEqual([]);
  });

  it.each([
    ['the Auth emulator', { FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099' }, /FIREBASE_AUTH_EMULATOR_HOST/],
    ['a local key-encryption key file', { LOCAL_KEK_PATH: '/tmp/kek.key' }, /LOCAL_KEK_PATH/],
    ['the development hash key', { HASH_PEPPER: DEVELOPMENT_HASH_PEPPER }, /HASH_PEPPER \(the development value\)/],
    ['an emulator host', { FIRESTORE_EMULATOR_HOST: '10.0.0.1:8080' }, /FIRESTORE_EMULATOR_HOST/],
  ])('given a deployed function with %s, then it refuses to start', (_name, extra, reason) => {
    expect(() => assertSafeRuntime({ ...deployed, ...extra })).toThrow(reason);
  });

  it('given a plain process without an emulator host, then local-only settings are refused too', () => {
    expect(() => assertSafeRuntime({ LOCAL_KEK_PATH: '/tmp/kek.key' })).toThrow(/outside the emulator/);
  });

  it('given a deployed function without HASH_PEPPER or with a short one, then it refuses to start', () => {
    expect(() => assertSafeRuntime({ K_SERVICE: 'x' })).toThrow(/HASH_PEPPER is not set/);
    expect(() => assertSafeRuntime({ K_SERVICE: 'x', HASH_PEPPER: 'short' })).toThrow(/shorter than 32/);
  });

  it('given the functions entry module loaded as Cloud Functions would, with the insecure verifier, then the process exits before serving', () => {
    const repo = path.resolve(__dirname, '..', '..', '..');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', "require('./functions/src/index.ts'); console.log('started')"], {
      cwd: repo,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...deployed, FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stdout).not.toContain('started');
    expect(run.stderr).toContain('Refusing to start: local-only settings outside the emulator: FIREBASE_AUTH_EMULATOR_HOST');
  }, 60_000);
});
