import type { CloudEventFunction } from '@google-cloud/functions-framework';
import { z } from 'zod';
import { CloudEventAttributesV1, PaymentEventDataV1, PaymentEventV1 } from '../../contracts/payment-events.v1';
import { HandlerOutcome } from '../../payments/application/task-outcome';
import type { Deps } from '../../composition-root';

// Eventarc delivers a Pub/Sub message as a CloudEvent whose data wraps the message.
const PubsubEnvelope = z.object({
  message: z.object({ data: z.string().optional(), attributes: z.record(z.string(), z.string()).optional(), messageId: z.string().optional() }),
});

export function parsePaymentEvent(envelope: unknown): PaymentEventV1 | string {
  const parsed = PubsubEnvelope.safeParse(envelope);
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

/** Throwing asks Pub/Sub to redeliver; returning acknowledges. */
export function eventFunction(name: string, deps: () => Deps, run: (event: PaymentEventV1, deps: Deps) => Promise<HandlerOutcome>): CloudEventFunction {
  return async (cloudEvent) => {
    const d = deps();
    const event = parsePaymentEvent(cloudEvent.data);
    if (typeof event === 'string') {
      await d.deadLetters.record({ source: name, messageId: cloudEvent.id, reason: event, payload: cloudEvent.data });
      d.log.error('event rejected', { function: name, reason: event });
      return;
    }
    const outcome = await run(event, d);
    if (outcome.kind === 'dropped') await d.deadLetters.record({ source: name, messageId: event.id, reason: outcome.reason, payload: event });
  };
}
