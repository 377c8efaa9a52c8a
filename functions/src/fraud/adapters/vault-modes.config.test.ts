import { vaultModesConfig } from './vault-modes.config';

describe('vault configuration per mode, checked at cold start', () => {
  it('given nothing, then no vault (the processors describe the tokens)', () => {
    expect(vaultModesConfig({})).toEqual({ test: null, live: null });
  });

  it('given a local sandbox and a live vault, then both', () => {
    expect(vaultModesConfig({ VAULT_TEST_URL: 'http://127.0.0.1:8096/', VAULT_TEST_API_KEY: 'vk_test_a', VAULT_LIVE_URL: 'https://vault.example', VAULT_LIVE_API_KEY: 'vk_live_b' })).toEqual({
      test: { baseUrl: 'http://127.0.0.1:8096', apiKey: 'vk_test_a' },
      live: { baseUrl: 'https://vault.example', apiKey: 'vk_live_b' },
    });
  });

  it('given a test vault that is not a sandbox, a key of the wrong mode or half a pair, then it refuses to start naming each', () => {
    expect(() => vaultModesConfig({ VAULT_TEST_URL: 'https://vault.example', VAULT_TEST_API_KEY: 'vk_test_a' })).toThrow(/VAULT_TEST_URL host vault\.example is not a sandbox/);
    expect(() => vaultModesConfig({ VAULT_TEST_URL: 'http://127.0.0.1:1', VAULT_TEST_API_KEY: 'vk_live_a' })).toThrow(/VAULT_TEST_API_KEY must be a test key/);
    expect(() => vaultModesConfig({ VAULT_LIVE_URL: 'https://vault.example', VAULT_LIVE_API_KEY: 'vk_live_b' })).toThrow(/a live vault needs its test side/);
  });
});
