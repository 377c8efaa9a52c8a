import type { Request } from '@google-cloud/functions-framework';
import { routeOf } from '../../catalogue/function-catalogue';
import { authenticatorFor } from '../../platform/http/authenticator';
import { fixedClock } from '../../shared/clock';
import { signWebhook } from '../domain/webhook-signature';
import { vendorSignatureAuthenticator } from './vendor-signature.authenticator';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const body = Buffer.from('{"id":"evt_1","type":"check.completed","data":{"check_id":"chk_1","reference":"kyb_1:owner_0","result":"approved"}}');
const requestWith = (headers: Record<string, string>, rawBody: Buffer = body) => ({ get: (name: string) => headers[name.toLowerCase()], rawBody }) as unknown as Request;
const authenticator = () => authenticatorFor(routeOf('identityVendorWebhook'), { vendor_signature: vendorSignatureAuthenticator(['old-secret-xxxxxxxxxxxx', 'new-secret-xxxxxxxxxxxx'], fixedClock(NOW)) });

describe('the vendor_signature authenticator the identity webhook route declares', () => {
  it('given a body signed with either current secret, then the vendor is authenticated at the verification time', async () => {
    for (const secret of ['old-secret-xxxxxxxxxxxx', 'new-secret-xxxxxxxxxxxx']) {
      expect(await authenticator().authenticate(requestWith({ 'identity-vendor-signature': signWebhook(body, secret, NOW) }))).toEqual({ ok: true, value: { verifiedAtMs: NOW } });
    }
  });

  it('given no signature, another secret, a stale timestamp or a changed body, then a 400 naming the reason', async () => {
    const refusal = async (headers: Record<string, string>, raw?: Buffer) => {
      const result = await authenticator().authenticate(requestWith(headers, raw));
      return result.ok ? null : { status: result.error.status, code: result.error.code, message: result.error.message };
    };
    expect(await refusal({})).toEqual({ status: 400, code: 'signature_missing', message: 'Webhook refused.' });
    expect(await refusal({ 'identity-vendor-signature': signWebhook(body, 'someone-else-xxxxxxxxxx', NOW) })).toMatchObject({ status: 400, code: 'signature_mismatch' });
    expect(await refusal({ 'identity-vendor-signature': signWebhook(body, 'new-secret-xxxxxxxxxxxx', NOW - 6 * 60_000) })).toMatchObject({ status: 400, code: 'timestamp_outside_tolerance' });
    expect(await refusal({ 'identity-vendor-signature': signWebhook(body, 'new-secret-xxxxxxxxxxxx', NOW) }, Buffer.from(`${body} `))).toMatchObject({ status: 400, code: 'signature_mismatch' });
  });

  it('is the authenticator the webhook route picks; a bearer authenticator cannot serve that route', () => {
    expect(authenticator().scheme).toBe('vendor_signature');
    expect(() => authenticatorFor(routeOf('identityVendorWebhook'), {})).toThrow(/declares auth 'vendor_signature'/);
  });
});
