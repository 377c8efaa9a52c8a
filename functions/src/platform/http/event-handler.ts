import type { HttpFunction } from '@google-cloud/functions-framework';
import { isUnfitData } from '../adapters/stored-document';
import { CloudEventAttributesV1, PaymentEventDataV1, PaymentEventV1, PubsubPushEnvelope } from '../../contracts/payment-events.v1';
import { Logger } from '../../shared/logger';
import type { DeadLetterStore } from '../adapters/dead-letter.firestore-store';
import { HandlerOutcome } from '../application/handler-outcome';

export function parsePaymentEvent(envelope: unknown): PaymentEventV1 | string {
  const parsed = PubsubPushEnvelope.safeParse(envelope);
  if (!parsed.success) return 'not_a_pubsub_message';
  const attributes = CloudEventAttributesV1.safeParse(parsed.data.message.attributes ?? {});
  if (!attributes.success) return 'missing_cloudevent_attributes';
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(parsed.data.message.data ?? '', 'base64').toString('utf8'));
  } catch {
    return 'data_not_json';
  }
  const payload = PaymentEventDataV1.safeParse(data);
  if (!payload.success) return 'invalid_event_data';
  const a = attributes.data;
  return { id: a['ce-id'], type: a['ce-type'], time: a['ce-time'], subject: a['ce-subject'], data: payload.data };
}

const messageIdOf = (envelope: unknown): string => {
  const id = (envelope as { message?: { messageId?: unknown } } | undefined)?.message?.messageId;
  return typeof id === 'string' && id ? id : 'unknown';
};

/** What an event function needs besides what its command needs. */
export interface EventDeps {
  readonly deadLetters: DeadLetterStore;
  readonly log: Logger;
}

/**
 * An HTTP function for a Pub/Sub push subscription. 204 acknowledges: the event was handled, or it
 * can never be (malformed, or dropped by the command), in which case it is in dead letters. A thrown
 * (transient) error propagates; the Functions Framework answers 500 and Pub/Sub redelivers.
 */
export function eventFunction<D extends EventDeps>(name: string, deps: () => D, run: (event: PaymentEventV1, deps: D) => Promise<HandlerOutcome>): HttpFunction {
  return async (req, res) => {
    const d = deps();
    const envelope: unknown = req.body;
    const event = parsePaymentEvent(envelope);
    if (typeof event === 'string') {
      await d.deadLetters.record({ source: name, messageId: messageIdOf(envelope), reason: event, payload: envelope ?? null });
      d.log.error('event rejected', { function: name, reason: event });
      res.status(204).end();
      return;
    }
    try {
      const outcome = await run(event, d);
      if (outcome.kind === 'dropped') await d.deadLetters.record({ source: name, messageId: event.id, reason: outcome.reason, payload: event });
    } catch (error) {
      if (isUnfitData(error)) {
        const reason = `unfit_data: ${error instanceof Error ? error.message : String(error)}`;
        await d.deadLetters.record({ source: name, messageId: event.id, reason, payload: event });
        d.log.error('event dropped: data does not match its schema', { function: name, event: event.id, reason });
        res.status(204).end();
        return;
      }
      d.log.warn('event failed transiently; Pub/Sub will redeliver', { function: name, event: event.id, type: event.type, error: String(error) });
      throw error;
    }
    res.status(204).end();
  };
}
