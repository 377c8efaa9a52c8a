import { EVENTS_API_VERSION, MerchantEventTypeV1 } from '../../contracts/merchant-events.v1';
import type { PaymentEventTypeV1, PaymentEventV1 } from '../../contracts/payment-events.v1';
import { assertNever } from '../../shared/result';
import type { MerchantEvent } from '../domain/merchant-event';

/**
 * The merchant event a domain event becomes, or null: the chain's capture request is internal (the
 * payment stays `processing`), and an authorisation is news only when the payment now waits for the
 * merchant's capture. Exhaustive over the wire types: a new one does not compile until it is mapped.
 */
export function merchantEventType(type: PaymentEventTypeV1, object: Readonly<Record<string, unknown>>): MerchantEventTypeV1 | null {
  switch (type) {
    case 'payment.created':
      return 'payment.processing';
    case 'payment.review_opened':
      return 'payment.requires_review';
    case 'payment.authorized':
      return object.status === 'requires_capture' ? 'payment.requires_capture' : null;
    case 'payment.capture_requested':
      return null;
    case 'payment.succeeded':
    case 'payment.failed':
    case 'payment.canceled':
    case 'refund.created':
    case 'refund.succeeded':
    case 'refund.failed':
    case 'review.closed':
    case 'account.verification_updated':
    case 'payout.created':
    case 'payout.paid':
    case 'payout.failed':
    case 'payout.canceled':
    case 'balance.available':
    case 'dispute.created':
    case 'dispute.updated':
    case 'dispute.closed':
    case 'dispute.funds_withdrawn':
    case 'dispute.funds_reinstated':
      return type;
    default:
      return assertNever(type);
  }
}

/** `anomaly`: the event should have made a merchant event and could not (worth a log line); otherwise it is simply not merchant-visible. */
export type MappedEvent = { readonly kind: 'event'; readonly event: Omit<MerchantEvent, 'endpointIds' | 'pendingEndpointIds'> } | { readonly kind: 'none'; readonly reason: string; readonly anomaly: boolean };

/** The merchant event (same id) a domain event becomes; its object is the producer's snapshot, never re-read. */
export function toMerchantEvent(wire: PaymentEventV1): MappedEvent {
  const { object, livemode, merchant_id: merchantId } = wire.data;
  if (!object) return { kind: 'none', reason: 'no object snapshot (an event written before snapshots)', anomaly: true };
  if (livemode === undefined) return { kind: 'none', reason: 'no mode on the event', anomaly: true };
  const type = merchantEventType(wire.type, object);
  if (!type) return { kind: 'none', reason: `${wire.type} is not merchant-visible`, anomaly: false };
  return {
    kind: 'event',
    event: {
      id: wire.id,
      merchantId,
      livemode,
      type,
      apiVersion: EVENTS_API_VERSION,
      createdMs: Date.parse(wire.time),
      object,
      previousAttributes: wire.data.previous_attributes ?? null,
    },
  };
}
