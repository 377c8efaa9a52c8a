import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { newId } from '../../shared/ids';
import { Payment } from '../domain/payment';
import { PaymentEvent } from '../domain/payment.events';

// Domain events become versioned wire events; the subject (and Pub/Sub ordering key) is the payment.
export function toWireEvents(payment: Payment, events: readonly PaymentEvent[], nowMs: number): PaymentEventV1[] {
  return events.map((event) => {
    const base = { payment_id: payment.id, merchant_id: payment.merchantId, livemode: payment.livemode, currency: payment.currency };
    const data = (() => {
      switch (event.type) {
        case 'payment.created':
          return { ...base, amount: payment.amount };
        case 'payment.gate_passed':
        case 'payment.review_opened':
          return { ...base, gate: event.gate };
        case 'payment.risk_assessed':
          return { ...base, score: event.score, decision: event.decision };
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
      }
    })();
    return { id: newId('evt'), type: event.type, time: new Date(nowMs).toISOString(), subject: payment.id, data };
  });
}
