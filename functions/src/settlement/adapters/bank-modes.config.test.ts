import { bankModesConfig } from './bank-modes.config';
import { fxModesConfig } from './fx-modes.config';

const secret = `whsec_${Buffer.from('bank-webhook-secret-0123456789').toString('base64')}`;
const previous = `whsec_${Buffer.from('bank-webhook-secret-previous-01').toString('base64')}`;
const bank = { BANK_TEST_URL: 'http://127.0.0.1:8093/', BANK_TEST_API_KEY: 'sk_test_bank', BANK_WEBHOOK_SECRET: secret };
const fx = { FX_TEST_URL: 'http://127.0.0.1:8094', FX_TEST_API_KEY: 'sk_test_fx' };

describe('the bank configuration', () => {
  it('given a local sandbox only, then test goes there and live is off', () => {
    expect(bankModesConfig(bank)).toEqual({ test: { baseUrl: 'http://127.0.0.1:8093', apiKey: 'sk_test_bank' }, live: null, webhookSecrets: { test: [secret], live: [secret] } });
  });

  it('given a live bank and a rotation, then both endpoints and both secrets, newest first', () => {
    const config = bankModesConfig({ ...bank, BANK_LIVE_URL: 'https://bank.example/api', BANK_LIVE_API_KEY: 'sk_live_bank', BANK_WEBHOOK_SECRET_PREVIOUS: previous });
    expect(config.live).toEqual({ baseUrl: 'https://bank.example/api', apiKey: 'sk_live_bank' });
    expect(config.webhookSecrets).toEqual({ test: [secret, previous], live: [secret, previous] });
  });

  it('given a live webhook secret of its own, then live events verify only under it and test events only under the test secret', () => {
    const liveSecret = `whsec_${Buffer.from('live-bank-webhook-secret-0123456').toString('base64')}`;
    expect(bankModesConfig({ ...bank, BANK_LIVE_WEBHOOK_SECRET: liveSecret }).webhookSecrets).toEqual({ test: [secret], live: [liveSecret] });
    expect(() => bankModesConfig({ ...bank, BANK_LIVE_WEBHOOK_SECRET: secret })).toThrow(/BANK_LIVE_WEBHOOK_SECRET must differ/);
    expect(() => bankModesConfig({ ...bank, BANK_LIVE_WEBHOOK_SECRET_PREVIOUS: liveSecret })).toThrow(/needs BANK_LIVE_WEBHOOK_SECRET/);
  });

  it('given a test URL that is not a sandbox, then it refuses to start, unless the host is a declared hosted sandbox', () => {
    expect(() => bankModesConfig({ ...bank, BANK_TEST_URL: 'https://bank.example/api' })).toThrow(/Refusing to start: invalid bank configuration: BANK_TEST_URL host bank\.example is not a sandbox/);
    expect(bankModesConfig({ ...bank, BANK_TEST_URL: 'https://sandbox.bank.example', BANK_SANDBOX_HOSTS: 'sandbox.bank.example' }).test.baseUrl).toBe('https://sandbox.bank.example');
  });

  it('given the live bank set to the sandbox, half a live configuration, or keys of the wrong mode, then it refuses to start naming each problem and no value', () => {
    expect(() => bankModesConfig({ ...bank, BANK_LIVE_URL: 'http://127.0.0.1:8093', BANK_LIVE_API_KEY: 'sk_live_bank' })).toThrow(/BANK_LIVE_URL must not be the sandbox/);
    expect(() => bankModesConfig({ ...bank, BANK_LIVE_URL: 'https://bank.example' })).toThrow(/BANK_LIVE_URL and BANK_LIVE_API_KEY go together/);
    let message = '';
    try {
      bankModesConfig({ ...bank, BANK_TEST_API_KEY: 'sk_live_oops_secret', BANK_LIVE_URL: 'https://bank.example', BANK_LIVE_API_KEY: 'sk_test_oops_secret' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/BANK_TEST_API_KEY must be a test key/);
    expect(message).toMatch(/BANK_LIVE_API_KEY must be a live key/);
    expect(message).not.toContain('oops_secret');
  });

  it('given no webhook secret or one not in the Standard Webhooks form, then it refuses to start', () => {
    expect(() => bankModesConfig({ ...bank, BANK_WEBHOOK_SECRET: undefined })).toThrow(/BANK_WEBHOOK_SECRET must be set/);
    expect(() => bankModesConfig({ ...bank, BANK_WEBHOOK_SECRET: 'plain-shared-secret-123456' })).toThrow(/BANK_WEBHOOK_SECRET must be a Standard Webhooks secret/);
    expect(() => bankModesConfig({ ...bank, BANK_WEBHOOK_SECRET: '' })).toThrow(/BANK_WEBHOOK_SECRET must be set/);
  });
});

describe('the FX configuration', () => {
  it('given a local sandbox, then test quotes come from it, live is off and the markup is 100 bps by default', () => {
    expect(fxModesConfig(fx)).toEqual({ test: { baseUrl: 'http://127.0.0.1:8094', apiKey: 'sk_test_fx' }, live: null, markupBps: 100 });
    expect(fxModesConfig({ ...fx, FX_MARKUP_BPS: '' }).markupBps).toBe(100);
    expect(fxModesConfig({ ...fx, FX_MARKUP_BPS: '0' }).markupBps).toBe(0);
    expect(fxModesConfig({ ...fx, FX_MARKUP_BPS: '250' }).markupBps).toBe(250);
  });

  it('given a markup that is not a whole number of basis points in range, then it refuses to start', () => {
    expect(() => fxModesConfig({ ...fx, FX_MARKUP_BPS: '1.5' })).toThrow(/FX_MARKUP_BPS must be a whole number/);
    expect(() => fxModesConfig({ ...fx, FX_MARKUP_BPS: '-1' })).toThrow(/FX_MARKUP_BPS/);
    expect(() => fxModesConfig({ ...fx, FX_MARKUP_BPS: '5000' })).toThrow(/FX_MARKUP_BPS must be at most 1000/);
    expect(() => fxModesConfig({ ...fx, FX_MARKUP_BPS: 'lots' })).toThrow(/FX_MARKUP_BPS/);
  });

  it('given a test FX URL that is not a sandbox or a live one equal to it, then it refuses to start', () => {
    expect(() => fxModesConfig({ ...fx, FX_TEST_URL: 'https://fx.example' })).toThrow(/Refusing to start: invalid FX configuration: FX_TEST_URL host fx\.example is not a sandbox/);
    expect(() => fxModesConfig({ ...fx, FX_LIVE_URL: 'http://127.0.0.1:8094/', FX_LIVE_API_KEY: 'sk_live_fx' })).toThrow(/FX_LIVE_URL must not be the sandbox/);
    expect(fxModesConfig({ ...fx, FX_LIVE_URL: 'https://fx.example', FX_LIVE_API_KEY: 'sk_live_fx' }).live).toEqual({ baseUrl: 'https://fx.example', apiKey: 'sk_live_fx' });
  });
});
