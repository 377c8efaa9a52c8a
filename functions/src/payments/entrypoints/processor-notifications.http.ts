import type { HttpFunction } from '@google-cloud/functions-framework';
import { matchPath, routeOf } from '../../catalogue/function-catalogue';
import { errorBody, invalidRequest } from '../../shared/api-error';
import { PROCESSOR_NAMES, ProcessorName } from '../domain/payment';
import { applyProcessorNotification } from '../application/apply-processor-notification.command';
import type { NotificationParse } from '../application/processor-connector';
import type { PaymentsModule } from '../payments.module';

/**
 * POST /v1/processors/{id}/notifications (id: the processor's name, e.g. euro_acquirer): a processor's signed asynchronous notifications
 * (capture, cancellation and refund confirmations). The connector of that processor verifies the
 * signature over the raw bytes, with the secrets of the mode whose connector accepts it; a bad
 * signature or body is a 400 and writes nothing. Each notification is applied once and recorded
 * (200); one that confirms work not recorded here yet (see applyProcessorNotification) is a 503, and an
 * unexpected failure a 500, so the processor delivers it again.
 */
export const processorNotificationsHttp = (deps: () => PaymentsModule): HttpFunction => async (req, res) => {
  const d = deps();
  if (req.method !== 'POST') {
    res.status(405).json(errorBody({ ...invalidRequest('method_not_allowed', 'Use POST.'), status: 405 }));
    return;
  }
  const name = matchPath(routeOf('processorNotifications').path, req.path)?.id;
  if (!name || !(PROCESSOR_NAMES as readonly string[]).includes(name)) {
    res.status(404).json(errorBody({ ...invalidRequest('resource_missing', 'No such processor.'), status: 404 }));
    return;
  }
  const processor = name as ProcessorName;
  try {
    const raw = req.rawBody ?? Buffer.alloc(0);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    const parsed = d.notificationConnectors(processor).map((c) => c.parseNotification(raw, headers)).find((p): p is Extract<NotificationParse, { ok: true }> => p.ok);
    if (!parsed) {
      d.log.warn('processor notification refused: bad signature or body', { processor });
      res.status(400).json(errorBody(invalidRequest('invalid_signature', 'Notification refused.')));
      return;
    }
    let early = false;
    for (const notification of parsed.notifications) {
      const outcome = await applyProcessorNotification(d, processor, notification);
      early ||= outcome === 'early';
      d.log.info('processor notification handled', { processor, notification: notification.id, kind: notification.kind, outcome });
    }
    if (early) {
      // Not recorded: the processor delivers it again (the others of the batch are then duplicates).
      res.status(503).set('Retry-After', '1').json(errorBody({ ...invalidRequest('notification_early', 'The work this confirms is not recorded yet; deliver it again.'), status: 503, type: 'api_error' }));
      return;
    }
    res.status(200).json({ received: true });
  } catch (error) {
    d.log.error('processor notification failed', { processor, error: error instanceof Error ? error.stack : String(error) });
    res.status(500).json(errorBody({ ...invalidRequest('internal_error', 'Try again later.'), status: 500, type: 'api_error' }));
  }
};
