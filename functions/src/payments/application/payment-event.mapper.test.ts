import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { toWireEvents } from './payment-event.mapper';
import { aSucceededPayment, T0 } from './testing/payment-builders';

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
});
