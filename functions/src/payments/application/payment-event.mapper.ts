import { PaymentEventDataV1, PaymentEventTypeV1, PaymentEventV1 } from '../../contracts/payment-events.v1';
import { newId } from '../../shared/ids';
import { assertNever } from '../../shared/result';
import { Payment } from '../domain/payment';
import { PaymentEvent } from '../domain/payment.events';

// Domain events become versioned wire events; the subject (and Pub/Sub ordering key) is the payment.
// Chain bookkeeping (a gate passed, the risk summary recorded on the payment, a void answered) stays
// inside: the hand-off between steps is a Cloud Task, and nothing outside acts on those facts.
export function toWireEvents(payment: Payment, events: readonly PaymentEvent[], nowMs: number): PaymentEventV1[] {
  const wire: PaymentEventV1[] = [];
  for (const event of events) {
    const data = wireData(payment, event);
    if (data === null || !isPublished(event)) continue;
    wire.push({ id: newId('evt'), type: event.type, time: new Date(nowMs).toISOString(), subject: payment.id, data });
  }
  return wire;
}

type PublishedEvent = Extract<PaymentEvent, { type: PaymentEventTypeV1 }>;
const isPublished = (event: PaymentEvent): event is PublishedEvent => (PaymentEventTypeV1.options as readonly string[]).includes(event.type);

function wireData(payment: Payment, event: PaymentEvent): PaymentEventDataV1 | null {
  const base = { payment_id: payment.id, merchant_id: payment.merchantId, livemode: payment.livemode, currency: payment.currency };
  switch (event.type) {
    case 'payment.created':
      return { ...base, amount: payment.amount };
    case 'payment.review_opened':
      return { ...base, gate: event.gate };
    case 'payment.authorized':
      return { ...base, amount: payment.amount, authorization_id: event.authorization.id };
    case 'payment.capture_requested':
      return { ...base, amount: event.amount };
    case 'payment.succeeded':
      return { ...base, amount: event.amountCaptured };
    case 'payment.failed':
      return { ...base, code: event.code };
    case 'payment.canceled':
      return { ...base, authorization_id: event.authorizationId };
    case 'refund.created':
    case 'refund.succeeded':
      return { ...base, refund_id: event.refundId };
    case 'refund.failed':
      return { ...base, refund_id: event.refundId, code: event.code };
    case 'payment.gate_passed':
    case 'payment.risk_assessed':
    case 'payment.hold_released':
      return null;
    default:
      return assertNever(event);
  }
}
