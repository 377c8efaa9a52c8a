import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpIdentityVendorGateway, IdentityVendorByMode, IdentityVendorModeError } from './identity-vendor.http-gateway';
import { identityVendorModesConfig } from './identity-vendor-modes.config';

const subject = { kind: 'person' as const, name: 'Ann Example', country: 'GB' };
const check = (livemode: boolean) => ({ livemode, idempotencyKey: 'kyc_1-person', reference: 'kyc_1:person', subject, callbackUrl: 'http://127.0.0.1:1/hook' });

describe('identity vendor client per mode', () => {
  let server: Server;
  let baseUrl: string;
  const modes: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      modes.push(String(req.headers['identity-vendor-mode']));
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'chk_1' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => void (modes.length = 0));

  it('given a live verification on the test client, then it is refused before any request; a test one carries its mode', async () => {
    const test = new HttpIdentityVendorGateway({ mode: 'test', baseUrl, maxAttempts: 1 });
    await expect(test.startCheck(check(true))).rejects.toThrow(IdentityVendorModeError);
    expect(modes).toEqual([]);
    expect(await test.startCheck(check(false))).toEqual({ checkId: 'chk_1' });
    expect(modes).toEqual(['test']);
  });

  it('given no live vendor, then a live verification waits with a clear error and the sandbox never sees it', async () => {
    const byMode = new IdentityVendorByMode({ test: new HttpIdentityVendorGateway({ mode: 'test', baseUrl, maxAttempts: 1 }), live: null });
    await expect(byMode.startCheck(check(true))).rejects.toThrow(/no live identity vendor is configured/);
    expect(modes).toEqual([]);
  });
});

describe('identity vendor configuration per mode', () => {
  it('accepts a local sandbox for test and a separate live vendor; live may be absent', () => {
    expect(identityVendorModesConfig({ IDENTITY_VENDOR_TEST_URL: 'http://127.0.0.1:8092/', IDENTITY_VENDOR_LIVE_URL: 'https://kyc.vendor.example' })).toEqual({ test: 'http://127.0.0.1:8092', live: 'https://kyc.vendor.example' });
    expect(identityVendorModesConfig({ IDENTITY_VENDOR_TEST_URL: 'http://localhost:8092' })).toEqual({ test: 'http://localhost:8092', live: null });
  });

  it('refuses to start when test verifications could reach a non-sandbox host, the live URL is the sandbox, or the retired single URL is set', () => {
    expect(() => identityVendorModesConfig({ IDENTITY_VENDOR_TEST_URL: 'https://kyc.vendor.example' })).toThrow(/IDENTITY_VENDOR_TEST_URL host kyc\.vendor\.example is not a sandbox/);
    expect(() => identityVendorModesConfig({ IDENTITY_VENDOR_TEST_URL: 'http://127.0.0.1:8092', IDENTITY_VENDOR_LIVE_URL: 'http://127.0.0.1:8092' })).toThrow(/must not be the sandbox/);
    expect(() => identityVendorModesConfig({ IDENTITY_VENDOR_URL: 'http://127.0.0.1:8092', IDENTITY_VENDOR_TEST_URL: 'http://127.0.0.1:8092' })).toThrow(/IDENTITY_VENDOR_URL is no longer read/);
    expect(() => identityVendorModesConfig({})).toThrow(/IDENTITY_VENDOR_TEST_URL must be the URL of the identity vendor sandbox/);
    expect(identityVendorModesConfig({ IDENTITY_VENDOR_TEST_URL: 'https://sandbox.kyc.example', IDENTITY_VENDOR_SANDBOX_HOSTS: 'sandbox.kyc.example' }).test).toBe('https://sandbox.kyc.example');
  });
});
