import { PaymentEventDataV1, PaymentEventTypeV1, PaymentEventV1 } from '../../contracts/payment-events.v1';
import { newId } from '../../shared/ids';
import { assertNever } from '../../shared/result';
import { Payment } from '../domain/payment';
import type { Refund } from '../domain/refund';
import { presentPayment, presentRefund } from './payment.presenter';
import { PaymentEvent } from '../domain/payment.events';

// Domain events become versioned wire events; the subject (and Pub/Sub ordering key) is the payment.
// Chain bookkeeping (a gate passed, the risk summary recorded on the payment, a void answered) stays
// inside: the hand-off between steps is a Cloud Task, and nothing outside acts on those facts.
/** What the mapper needs besides the new state: the state before (previous values, a review closing) and the refund the events are about. */
export interface WireContext {
  readonly before?: Payment;
  readonly refund?: Refund;
}

export function toWireEvents(payment: Payment, events: readonly PaymentEvent[], nowMs: number, context: WireContext = {}): PaymentEventV1[] {
  const wire: PaymentEventV1[] = [];
  const time = new Date(nowMs).toISOString();
  for (const event of events) {
    const data = wireData(payment, event);
    if (data === null || !isPublished(event)) continue;
    // The object as the API shows it now: merchant events carry this snapshot, never a later re-read.
    const snapshot = snapshotOf(payment, event, context);
    wire.push({ id: newId('evt'), type: event.type, time, subject: payment.id, data: { ...data, ...snapshot } });
  }
  const closed = reviewClosed(payment, context.before, time);
  if (closed) wire.push(closed);
  return wire;
}

function snapshotOf(payment: Payment, event: PaymentEvent, context: WireContext): Pick<PaymentEventDataV1, 'object' | 'previous_attributes'> {
  if (event.type.startsWith('refund.')) {
    const refund = context.refund;
    if (!refund || !('refundId' in event) || refund.id !== event.refundId) return {};
    return { object: presentRefund(refund), ...(event.type === 'refund.created' ? {} : { previous_attributes: { status: 'pending' } }) };
  }
  const before = context.before;
  return { object: presentPayment(payment), ...(before && before.status !== payment.status ? { previous_attributes: { status: before.status } } : {}) };
}

/**
 * A payment leaving review (approved, rejected, expired or canceled) closes its review: `review.closed`,
 * whose object is the payment as the reviews list shows it. One per payment and gate (a deterministic id:
 * a transaction body run twice stages the same event).
 */
function reviewClosed(payment: Payment, before: Payment | undefined, time: string): PaymentEventV1 | null {
  if (!before || before.status !== 'requires_review' || payment.status === 'requires_review') return null;
  return {
    id: `evt_${payment.id}_review_closed_${before.reviewGate}`,
    type: 'review.closed',
    time,
    subject: payment.id,
    data: {
      payment_id: payment.id,
      merchant_id: payment.merchantId,
      livemode: payment.livemode,
      currency: payment.currency,
      gate: before.reviewGate,
      object: presentPayment(payment),
      previous_attributes: { status: 'requires_review' },
    },
  };
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
    case 'payment.processor_attempted':
    case 'payment.capture_pending':
      return null;
    default:
      return assertNever(event);
  }
}
