import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { toWireEvents } from './payment-event.mapper';
import { aFailedPayment, aPaymentInReview, aRefund, aSucceededPayment, T0 } from './testing/payment-builders';

describe('payment wire events', () => {
  it.each([true, false])('given a payment with livemode %s, when its events are mapped, then every event carries the mode', (livemode) => {
    const payment = aSucceededPayment({ livemode });
    const events = toWireEvents(payment, [{ type: 'payment.succeeded', paymentId: payment.id, captureId: payment.captureId, amountCaptured: payment.amountCaptured, fee: payment.fee }, { type: 'refund.succeeded', paymentId: payment.id, refundId: 're_1' }], T0);
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(PaymentEventV1.parse(event).data.livemode).toBe(livemode);
    }
  });

  it('given an event written before the mode was carried, when it is read, then it still parses', () => {
    const older = { id: 'evt_1', type: 'payment.succeeded', time: new Date(T0).toISOString(), subject: 'pay_1', data: { payment_id: 'pay_1', merchant_id: 'mer_1', amount: 100, currency: 'usd' } };
    expect(PaymentEventV1.parse(older).data.livemode).toBeUndefined();
  });

  it('given chain bookkeeping (a gate passed, the risk recorded, a void answered), when mapped, then nothing is published for it', () => {
    const payment = aSucceededPayment();
    const risk = { score: 10, level: 'normal', decision: 'allow', reasons: [] };
    const internal = [
      { type: 'payment.gate_passed' as const, paymentId: payment.id, gate: 'fraud' },
      { type: 'payment.risk_assessed' as const, paymentId: payment.id, risk },
      { type: 'payment.hold_released' as const, paymentId: payment.id },
    ];
    expect(toWireEvents(payment, internal, T0)).toEqual([]);
  });

  it('given a capture, when mapped, then the event carries the payment as the API shows it now, and the status it left (never the card number)', () => {
    const before = aSucceededPayment({ status: 'processing' } as never);
    const payment = aSucceededPayment();
    const [event] = toWireEvents(payment, [{ type: 'payment.succeeded', paymentId: payment.id, captureId: payment.captureId, amountCaptured: payment.amountCaptured, fee: payment.fee }], T0, { before });
    expect(event.data.object).toMatchObject({ id: payment.id, object: 'payment', status: 'succeeded', amount_captured: payment.amountCaptured, card: { last4: '4242' } });
    expect(event.data.previous_attributes).toEqual({ status: 'processing' });
    expect(JSON.stringify(event)).not.toMatch(/fp_4242|fingerprint/);
  });

  it('given a refund event with its refund, when mapped, then the refund is the object; without it, no object (no merchant event)', () => {
    const payment = aSucceededPayment();
    const refund = aRefund({ id: 're_1', paymentId: payment.id, status: 'succeeded' });
    const [withRefund] = toWireEvents(payment, [{ type: 'refund.succeeded', paymentId: payment.id, refundId: 're_1' }], T0, { refund });
    expect(withRefund.data.object).toMatchObject({ id: 're_1', object: 'refund', status: 'succeeded', payment: payment.id });
    expect(withRefund.data.previous_attributes).toEqual({ status: 'pending' });
    const [without] = toWireEvents(payment, [{ type: 'refund.succeeded', paymentId: payment.id, refundId: 're_1' }], T0);
    expect(without.data.object).toBeUndefined();
  });

  it('given a payment leaving review, when mapped, then review.closed carries it, with an id that a body run twice stages again', () => {
    const before = aPaymentInReview();
    const after = aFailedPayment({ id: before.id });
    const events = toWireEvents(after, [], T0, { before });
    expect(events).toEqual([expect.objectContaining({ id: `evt_${before.id}_review_closed_${before.reviewGate}`, type: 'review.closed', data: expect.objectContaining({ previous_attributes: { status: 'requires_review' }, object: expect.objectContaining({ id: before.id, status: 'failed' }) }) })]);
    expect(toWireEvents(after, [], T0 + 5, { before })[0].id).toBe(events[0].id);
    expect(toWireEvents(aPaymentInReview(), [], T0, { before })).toEqual([]);
  });
});
