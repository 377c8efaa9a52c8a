import { fxModesConfig } from './fx.modes-config';

describe('fxModesConfig', () => {
  it('given only a local test URL, then the sandbox key, no live endpoint, 100 bps and a 2 s timeout', () => {
    expect(fxModesConfig({ FX_TEST_URL: 'http://127.0.0.1:8093/' })).toEqual({
      test: { baseUrl: 'http://127.0.0.1:8093', apiKey: 'sk_test_sandbox' },
      live: null,
      markupBps: 100,
      timeoutMs: 2000,
    });
  });

  it('given a full configuration, then both endpoints, the markup and the timeout', () => {
    expect(
      fxModesConfig({
        FX_TEST_URL: 'https://fx-sandbox.example.com',
        FX_SANDBOX_HOSTS: 'fx-sandbox.example.com',
        FX_TEST_API_KEY: 'sk_test_abc',
        FX_LIVE_URL: 'https://fx.example.com',
        FX_LIVE_API_KEY: 'sk_live_abc',
        FX_MARKUP_BPS: '0',
        FX_TIMEOUT_MS: '1500',
      }),
    ).toEqual({
      test: { baseUrl: 'https://fx-sandbox.example.com', apiKey: 'sk_test_abc' },
      live: { baseUrl: 'https://fx.example.com', apiKey: 'sk_live_abc' },
      markupBps: 0,
      timeoutMs: 1500,
    });
  });

  it.each([
    ['no test URL', {}, /FX_TEST_URL/],
    ['a test URL that is not a sandbox', { FX_TEST_URL: 'https://fx.example.com' }, /not a sandbox/],
    ['a live URL without its key', { FX_TEST_URL: 'http://localhost:1', FX_LIVE_URL: 'https://fx.example.com' }, /go together/],
    ['a live key without its URL', { FX_TEST_URL: 'http://localhost:1', FX_LIVE_API_KEY: 'sk_live_x' }, /go together/],
    ['live pointing at the sandbox', { FX_TEST_URL: 'http://localhost:1', FX_LIVE_URL: 'http://localhost:1/', FX_LIVE_API_KEY: 'sk_live_x' }, /must not be the sandbox/],
    ['a live key as the test key', { FX_TEST_URL: 'http://localhost:1', FX_TEST_API_KEY: 'sk_live_x' }, /FX_TEST_API_KEY/],
    ['a test key as the live key', { FX_TEST_URL: 'http://localhost:1', FX_LIVE_URL: 'https://fx.example.com', FX_LIVE_API_KEY: 'sk_test_x' }, /FX_LIVE_API_KEY/],
    ['a markup of 100 %', { FX_TEST_URL: 'http://localhost:1', FX_MARKUP_BPS: '10000' }, /FX_MARKUP_BPS/],
    ['a fractional markup', { FX_TEST_URL: 'http://localhost:1', FX_MARKUP_BPS: '1.5' }, /FX_MARKUP_BPS/],
    ['a negative markup', { FX_TEST_URL: 'http://localhost:1', FX_MARKUP_BPS: '-1' }, /FX_MARKUP_BPS/],
  ])('given %s, then it refuses to start', (_name, env, problem) => {
    expect(() => fxModesConfig(env)).toThrow(problem);
  });

  it('given a refused configuration, then the message never shows a key', () => {
    expect(() => fxModesConfig({ FX_TEST_URL: 'http://localhost:1', FX_LIVE_URL: 'https://fx.example.com', FX_LIVE_API_KEY: 'sk_test_secret123' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret123') }),
    );
  });
});
