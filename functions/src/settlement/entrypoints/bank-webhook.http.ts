import type { HttpFunction } from '@google-cloud/functions-framework';
import { errorBody, invalidRequest } from '../../shared/api-error';
import { applyBankWebhook } from '../application/apply-bank-webhook.command';
import type { SettlementModule } from '../settlement.module';

/**
 * POST /v1/webhooks/bank: the bank's signed transfer outcomes (Standard Webhooks: webhook-id,
 * webhook-timestamp, webhook-signature over the raw body). The route declares `auth:
 * 'standard_webhooks_signature'`: no Authorization header, the signature is the caller's proof. A bad signature
 * or body is a 400 and writes nothing; a verified event is applied once per bank event id and
 * acknowledged (200), an unexpected failure is a 500 so the bank delivers it again.
 */
export const bankWebhookHttp = (deps: () => SettlementModule): HttpFunction => async (req, res) => {
  const d = deps();
  if (req.method !== 'POST') {
    res.status(405).json(errorBody({ ...invalidRequest('method_not_allowed', 'Use POST.'), status: 405 }));
    return;
  }
  try {
    const event = d.webhookVerifier().verify(req.headers, (req.rawBody ?? Buffer.alloc(0)).toString('utf8'));
    if (!event) {
      d.log.warn('bank webhook refused: bad signature or body');
      res.status(400).json(errorBody(invalidRequest('invalid_signature', 'Webhook refused.')));
      return;
    }
    const outcome = await applyBankWebhook(d, event);
    d.log.info('bank webhook handled', { bank_event: event.id, type: event.type, outcome });
    res.status(200).json({ received: true });
  } catch (error) {
    d.log.error('bank webhook failed', { error: error instanceof Error ? error.stack : String(error) });
    res.status(500).json(errorBody({ ...invalidRequest('internal_error', 'Try again later.'), status: 500, type: 'api_error' }));
  }
};
