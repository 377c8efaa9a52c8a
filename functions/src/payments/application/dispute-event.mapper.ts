import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { newId } from '../../shared/ids';
import { Dispute, DisputeEvent } from '../domain/dispute';
import { presentDispute } from './dispute.presenter';

/**
 * A dispute's facts as wire events (subject: the payment, so they are ordered with its other events).
 * Ids are fresh like the payment events': only the last run of a transaction body commits its staging,
 * and a processor repeating itself decides no event at all.
 */
export function toDisputeWireEvents(dispute: Dispute, events: readonly DisputeEvent[], nowMs: number): PaymentEventV1[] {
  const time = new Date(nowMs).toISOString();
  const object = presentDispute(dispute, nowMs);
  return events.map((event) => ({
    id: newId('evt'),
    type: event.type,
    time,
    subject: dispute.paymentId,
    data: {
      payment_id: dispute.paymentId,
      dispute_id: dispute.id,
      merchant_id: dispute.merchantId,
      livemode: dispute.livemode,
      currency: dispute.currency,
      amount: event.type === 'dispute.funds_withdrawn' ? event.amount + event.fee : event.type === 'dispute.funds_reinstated' ? event.amount : dispute.amount,
      object,
      ...(event.type === 'dispute.updated' || event.type === 'dispute.closed' ? { previous_attributes: { status: event.previousStatus } } : {}),
    },
  }));
}
