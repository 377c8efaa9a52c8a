import { getApps } from 'firebase-admin/app';
import { compositionRoot } from './composition-root';
import { loadConfig } from './runtime-config';
import { configured } from './shared/config-section';

// The environment of a local function process, as the local stack sets it (infra/local/local-stack.ts).
const local = {
  GCLOUD_PROJECT: 'demo-wiring',
  FIRESTORE_EMULATOR_HOST: '127.0.0.1:1',
  FUNCTIONS_BASE_URL: 'http://127.0.0.1:5001',
  PROCESSOR_TEST_URL: 'http://127.0.0.1:8091',
  PROCESSOR_TEST_API_KEY: 'sk_test_local',
  IDENTITY_VENDOR_TEST_URL: 'http://127.0.0.1:8092',
  IDENTITY_VENDOR_WEBHOOK_SECRET: 'whsec_0123456789abcdef',
  IDENTITY_WEBHOOK_URL: 'http://127.0.0.1:5000/v1/webhooks/identity-vendor',
  LOCAL_KEK_PATH: '/tmp/kek.key',
  SANCTIONS_SOURCE_DIR: '/nonexistent/sanctions',
};
const without = (env: Record<string, string>, ...names: string[]) => Object.fromEntries(Object.entries(env).filter(([name]) => !names.includes(name)));

describe('the composition root', () => {
  it('given a configuration, then building the root creates no client; each module is built once, on first use', async () => {
    // (first in this file: nothing has created the Firestore client yet)
    const root = compositionRoot(loadConfig(local));
    expect(getApps()).toHaveLength(0);

    const payments = root.payments();
    expect(getApps()).toHaveLength(1);
    expect(root.payments()).toBe(payments);
    expect(root.fraud()).toBe(root.fraud());
    expect(root.gateCheck('fraud')).toBe(root.fraud().gate);
    expect(root.gateCheck('sanctions')).toBe(root.compliance().gate);
  });

  it('given a sanctions directory that does not exist, then the compliance module still builds: the list is read on the first screening, not before', async () => {
    const root = compositionRoot(loadConfig(local));
    const compliance = root.compliance();

    await expect(compliance.sanctionsLists().current()).rejects.toThrow();
    expect(compliance.sanctionsLists()).toBe(compliance.sanctionsLists());
  });
});

describe('the runtime configuration (every variable, read once at cold start)', () => {
  it('given the local environment, then each context gets its section with the documented defaults', () => {
    const config = loadConfig(local);

    expect(config.platform).toMatchObject({ projectId: 'demo-wiring', logLevel: 'info' });
    expect(configured(config.platform.tasks)).toEqual({ location: 'us-central1', functionsBaseUrl: 'http://127.0.0.1:5001', emulatorHost: undefined, serviceAccount: undefined });
    expect(config.payments).toMatchObject({
      processors: { test: { baseUrl: 'http://127.0.0.1:8091', apiKey: 'sk_test_local' }, live: null },
      processorTimeoutMs: 2000,
      sweep: { stuckAfterMs: 60_000, limit: 200 },
    });
    expect(config.payments.gates.map((gate) => gate.name)).toEqual(['fraud', 'sanctions']);
    expect(config.compliance.sanctions).toEqual({ sourceDir: '/nonexistent/sanctions', versionCheckMs: 3 * 60_000, maxAgeMs: 48 * 3_600_000, fetch: { url: undefined, fromDir: undefined } });
    expect(configured(config.identity)).toMatchObject({ vendor: { test: 'http://127.0.0.1:8092', live: null }, keyEncryption: { kind: 'local-file', path: '/tmp/kek.key' }, kycLimits: { perUser: 5, perMerchant: 200 } });
    expect(config.hashPepper).toBe('development-only-hash-pepper-not-a-secret');
  });

  it('given values for the tunable settings, then they are parsed (an empty value is the default)', () => {
    const config = loadConfig({ ...local, LOG_LEVEL: 'debug', SWEEP_LIMIT: '50', SANCTIONS_MAX_AGE_HOURS: '6', PAYMENT_GATES: 'sanctions', PROCESSOR_TIMEOUT_MS: '', GEOIP_TABLE_PATH: '/geo.csv' });

    expect(config.platform.logLevel).toBe('debug');
    expect(config.payments.sweep.limit).toBe(50);
    expect(config.payments.processorTimeoutMs).toBe(2000);
    expect(config.compliance.sanctions.maxAgeMs).toBe(6 * 3_600_000);
    expect(config.payments.gates.map((gate) => gate.name)).toEqual(['sanctions']);
    expect(config.fraud.geoipTablePath).toBe('/geo.csv');
  });

  it('given a live host as the test processor, then it refuses to start, as before', () => {
    expect(() => loadConfig({ ...local, PROCESSOR_TEST_URL: 'https://api.processor.example' })).toThrow(/Refusing to start: invalid processor configuration: PROCESSOR_TEST_URL host api\.processor\.example is not a sandbox/);
  });

  it('given an identity vendor sandbox that is not a sandbox, then it refuses to start, as before', () => {
    expect(() => loadConfig({ ...local, IDENTITY_VENDOR_TEST_URL: 'https://idv.example.com' })).toThrow(/Refusing to start: invalid identity vendor configuration/);
  });

  it('given malformed values, then it refuses to start naming each variable and showing no value', () => {
    const start = () => loadConfig({ ...local, SWEEP_LIMIT: 'lots', LOG_LEVEL: 'verbose', FUNCTIONS_BASE_URL: 'not a url sk_test_secret' });

    expect(start).toThrow(/^Refusing to start: invalid configuration: /);
    for (const name of ['SWEEP_LIMIT', 'LOG_LEVEL', 'FUNCTIONS_BASE_URL']) expect(start).toThrow(name);
    expect(start).not.toThrow(/lots|verbose|sk_test_secret/);
  });

  it('given an unknown gate in PAYMENT_GATES, then it refuses to start', () => {
    expect(() => loadConfig({ ...local, PAYMENT_GATES: 'fraud,astrology' })).toThrow(/PAYMENT_GATES names unknown gates: astrology/);
  });

  it('given a function without the identity variables (Terraform gives them to identity functions only), then it starts, and only identity reports what is missing', () => {
    const config = loadConfig(without(local, 'IDENTITY_VENDOR_TEST_URL', 'IDENTITY_VENDOR_WEBHOOK_SECRET', 'IDENTITY_WEBHOOK_URL', 'LOCAL_KEK_PATH'));

    expect(config.identity).toEqual({ ok: false, problem: expect.stringContaining('IDENTITY_WEBHOOK_URL') });
    const root = compositionRoot(config);
    expect(root.payments().gates).toHaveLength(2);
    expect(() => root.identity()).toThrow(/IDENTITY_WEBHOOK_URL must be set/);
  });

  it('given the bank and FX sandboxes, then the settlement sections carry both modes, the secret and the markup; without them, a function starts and the sections name what is missing', () => {
    const money = { BANK_TEST_URL: 'http://127.0.0.1:8093', BANK_TEST_API_KEY: 'sk_test_bank', BANK_WEBHOOK_SECRET: 'whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM=', FX_TEST_URL: 'http://127.0.0.1:8094', FX_TEST_API_KEY: 'sk_test_fx' };
    const config = loadConfig({ ...local, ...money, BANK_TIMEOUT_MS: '800' });
    expect(configured(config.bank)).toEqual({ test: { baseUrl: 'http://127.0.0.1:8093', apiKey: 'sk_test_bank' }, live: null, webhookSecrets: { test: [money.BANK_WEBHOOK_SECRET], live: [money.BANK_WEBHOOK_SECRET] }, timeoutMs: 800 });
    expect(configured(config.fx)).toEqual({ test: { baseUrl: 'http://127.0.0.1:8094', apiKey: 'sk_test_fx' }, live: null, markupBps: 100, timeoutMs: 2000 });

    const bare = loadConfig(local);
    expect(bare.bank).toEqual({ ok: false, problem: expect.stringContaining('BANK_TEST_URL') });
    expect(bare.fx).toEqual({ ok: false, problem: expect.stringContaining('FX_TEST_URL') });
  });

  it('given a test bank or FX provider that is not a sandbox, then it refuses to start, like the processor', () => {
    const money = { BANK_TEST_API_KEY: 'sk_test_bank', BANK_WEBHOOK_SECRET: 'whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM=' };
    expect(() => loadConfig({ ...local, ...money, BANK_TEST_URL: 'https://api.bank.example' })).toThrow(/Refusing to start: invalid bank configuration: BANK_TEST_URL host api\.bank\.example is not a sandbox/);
    expect(() => loadConfig({ ...local, FX_TEST_URL: 'https://fx.example', FX_TEST_API_KEY: 'sk_test_fx' })).toThrow(/Refusing to start: invalid FX configuration: FX_TEST_URL host fx\.example is not a sandbox/);
  });

  it('given no FUNCTIONS_BASE_URL, then the bundle still loads and the first function that needs the task queue fails naming it', () => {
    const config = loadConfig(without(local, 'FUNCTIONS_BASE_URL'));

    expect(() => compositionRoot(config).platform()).toThrow(/FUNCTIONS_BASE_URL must be set/);
  });
});
