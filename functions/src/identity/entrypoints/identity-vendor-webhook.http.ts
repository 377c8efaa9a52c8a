import type { HttpFunction } from '@google-cloud/functions-framework';
import { errorBody, invalidRequest } from '../../shared/api-error';
import { handleVendorWebhook } from '../application/handle-vendor-webhook.command';
import { SIGNATURE_HEADER } from '../domain/webhook-signature';
import type { IdentityModule } from '../identity.module';

// Unauthenticated by design: the HMAC signature over the raw body is the authentication. Any
// refusal is a 400 and writes nothing; a 5xx (unexpected) makes the vendor deliver again.
export const identityVendorWebhookHttp = (deps: () => IdentityModule): HttpFunction => async (req, res) => {
  const d = deps();
  if (req.method !== 'POST') {
    res.status(405).json(errorBody({ ...invalidRequest('method_not_allowed', 'Use POST.'), status: 405 }));
    return;
  }
  try {
    const result = await handleVendorWebhook(d, { rawBody: req.rawBody ?? Buffer.alloc(0), signature: req.get(SIGNATURE_HEADER) });
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
