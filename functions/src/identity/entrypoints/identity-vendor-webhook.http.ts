import type { HttpFunction } from '@google-cloud/functions-framework';
import { errorBody, invalidRequest } from '../../shared/api-error';
import { routeOf } from '../../catalogue/function-catalogue';
import { authenticatorFor } from '../../platform/http/authenticator';
import { err } from '../../shared/result';
import { applyVendorEvent } from '../application/handle-vendor-webhook.command';
import type { IdentityModule } from '../identity.module';
import { vendorSignatureAuthenticator } from './vendor-signature.authenticator';

const route = routeOf('identityVendorWebhook');

// No Authorization header: the route declares `auth: 'vendor_signature'`, the HMAC signature over the
// raw body. It keeps its own handler rather than the shared shell because the vendor's payload is not
// a client request: the card-number and content-type guards must not refuse a delivery (a 13-digit
// millisecond timestamp passes Luhn one time in ten). Any refusal is a 400 and writes nothing; a 5xx
// (unexpected) makes the vendor deliver again.
export const identityVendorWebhookHttp = (deps: () => IdentityModule): HttpFunction => async (req, res) => {
  const d = deps();
  if (req.method !== 'POST') {
    res.status(405).json(errorBody({ ...invalidRequest('method_not_allowed', 'Use POST.'), status: 405 }));
    return;
  }
  try {
    const signed = await authenticatorFor(route, { vendor_signature: vendorSignatureAuthenticator(d.webhookSecrets, d.clock) }).authenticate(req);
    const result = signed.ok ? await applyVendorEvent(d, req.rawBody ?? Buffer.alloc(0), signed.value.verifiedAtMs) : err({ code: signed.error.code });
    if (result.ok) {
      res.status(200).json({ received: true });
      return;
    }
    d.log.warn('identity vendor webhook refused', { code: result.error.code });
    res.status(400).json(errorBody(invalidRequest(result.error.code, 'Webhook refused.')));
  } catch (error) {
    d.log.error('identity vendor webhook failed', { error: error instanceof Error ? error.stack : String(error) });
    res.status(500).json(errorBody({ ...invalidRequest('internal_error', 'Try again later.'), status: 500, type: 'api_error' }));
  }
};
