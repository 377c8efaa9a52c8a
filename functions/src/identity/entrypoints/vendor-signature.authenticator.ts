import { type Authenticator } from '../../platform/http/authenticator';
import { invalidRequest } from '../../shared/api-error';
import { Clock } from '../../shared/clock';
import { err, ok } from '../../shared/result';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../domain/webhook-signature';

/**
 * `auth: 'vendor_signature'`: the identity vendor signs the raw body (HMAC-SHA256, with a timestamp),
 * so the caller is proven by `Identity-Vendor-Signature`, not by Authorization. Any of the current
 * secrets is accepted (rotation). A refusal is a 400 naming the reason; nothing is read before it.
 */
export const vendorSignatureAuthenticator = (secrets: readonly string[], clock: Clock): Authenticator<{ verifiedAtMs: number }> => ({
  scheme: 'vendor_signature',
  async authenticate(req) {
    const verifiedAtMs = clock.nowMs();
    const signed = verifyWebhookSignature(req.get(SIGNATURE_HEADER), req.rawBody ?? Buffer.alloc(0), secrets, verifiedAtMs);
    return signed.ok ? ok({ verifiedAtMs }) : err(invalidRequest(signed.error, 'Webhook refused.'));
  },
});
