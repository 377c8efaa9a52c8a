import { ProcessorConfigurationError, processorModesConfig } from './processor-modes.config';

const local = { PROCESSOR_TEST_URL: 'http://127.0.0.1:8091', PROCESSOR_TEST_API_KEY: 'sk_test_local' };
const live = { PROCESSOR_LIVE_URL: 'https://api.processor.example', PROCESSOR_LIVE_API_KEY: 'sk_live_prod' };

describe('processor configuration per mode, checked at cold start', () => {
  it('given a local sandbox for test and a separate live processor, then both clients are configured', () => {
    expect(processorModesConfig({ ...local, ...live })).toEqual({
      test: { baseUrl: 'http://127.0.0.1:8091', apiKey: 'sk_test_local', notificationSecrets: [] },
      live: { baseUrl: 'https://api.processor.example', apiKey: 'sk_live_prod', notificationSecrets: [] },
    });
  });

  it('given notification secrets per mode, then each mode verifies with its own, newest first', () => {
    const config = processorModesConfig({ ...local, ...live, PROCESSOR_NOTIFICATION_SECRETS: 'whsec_bmV3, whsec_b2xk', PROCESSOR_LIVE_NOTIFICATION_SECRETS: 'whsec_bGl2ZQ==' });
    expect(config.test.notificationSecrets).toEqual(['whsec_bmV3', 'whsec_b2xk']);
    expect(config.live?.notificationSecrets).toEqual(['whsec_bGl2ZQ==']);
  });

  it('given a live notification secret that is a test one, or not a whsec_ secret, then it refuses to start', () => {
    expect(() => processorModesConfig({ ...local, ...live, PROCESSOR_NOTIFICATION_SECRETS: 'whsec_bmV3', PROCESSOR_LIVE_NOTIFICATION_SECRETS: 'whsec_bmV3' })).toThrow(/PROCESSOR_LIVE_NOTIFICATION_SECRETS must be whsec_… secrets of their own/);
    expect(() => processorModesConfig({ ...local, PROCESSOR_NOTIFICATION_SECRETS: 'plain' })).toThrow(/PROCESSOR_NOTIFICATION_SECRETS must be whsec_… secrets/);
  });

  it('given no live configuration, then live is absent (live payments fail permanently), test still works', () => {
    expect(processorModesConfig(local)).toEqual({ test: { baseUrl: 'http://127.0.0.1:8091', apiKey: 'sk_test_local', notificationSecrets: [] }, live: null });
  });

  it('given a test URL that is not a sandbox, then it refuses to start naming the variable', () => {
    expect(() => processorModesConfig({ ...local, PROCESSOR_TEST_URL: 'https://api.processor.example', ...live })).toThrow(
      /Refusing to start: invalid processor configuration: PROCESSOR_TEST_URL host api\.processor\.example is not a sandbox/,
    );
  });

  it('given a hosted sandbox on the allow-list, then it is accepted as the test processor', () => {
    const config = processorModesConfig({ ...local, PROCESSOR_TEST_URL: 'https://sandbox.processor.example/', PROCESSOR_SANDBOX_HOSTS: 'sandbox.processor.example', ...live });
    expect(config.test.baseUrl).toBe('https://sandbox.processor.example');
  });

  it('given the live URL equal to the test URL, then it refuses to start', () => {
    expect(() => processorModesConfig({ ...local, PROCESSOR_LIVE_URL: 'http://127.0.0.1:8091/', PROCESSOR_LIVE_API_KEY: 'sk_live_x' })).toThrow(/PROCESSOR_LIVE_URL must not be the test processor/);
  });

  it('given keys of the wrong mode, half a live configuration and the retired PROCESSOR_URL, then one error names every problem', () => {
    let error: unknown;
    try {
      processorModesConfig({ ...local, PROCESSOR_TEST_API_KEY: 'sk_live_oops', PROCESSOR_LIVE_URL: live.PROCESSOR_LIVE_URL, PROCESSOR_URL: 'http://127.0.0.1:8091' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProcessorConfigurationError);
    expect((error as Error).message).toMatch(/PROCESSOR_TEST_API_KEY must be a test key/);
    expect((error as Error).message).not.toMatch(/sk_live_oops/);
  });

  it('given nothing configured, then it refuses to start naming the test URL and key', () => {
    expect(() => processorModesConfig({})).toThrow(/PROCESSOR_TEST_URL must be the URL of the sandbox processor; PROCESSOR_TEST_API_KEY must be set/);
  });

  it('given a live URL without its key, then it refuses to start', () => {
    expect(() => processorModesConfig({ ...local, PROCESSOR_LIVE_URL: live.PROCESSOR_LIVE_URL })).toThrow(/PROCESSOR_LIVE_URL and PROCESSOR_LIVE_API_KEY go together/);
    expect(() => processorModesConfig({ ...local, PROCESSOR_URL: 'http://127.0.0.1:8091' })).toThrow(/PROCESSOR_URL is no longer read/);
  });
});
