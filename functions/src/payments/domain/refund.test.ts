import { aPayment, aSucceededPayment, T0 } from '../application/testing/payment-builders';
import { Payment } from './payment';
import { evolveAll } from './payment.decider';
import { PaymentEvent } from './payment.events';
import { applyRefundOutcome, requestRefund } from './refund';

/** The payment's reserved refund amount after these events. */
const refundedAfter = (...batches: (readonly PaymentEvent[])[]) => {
  const payment = evolveAll(aSucceededPayment(), batches.flat(), T0);
  return payment.status === 'succeeded' ? payment.amountRefunded : NaN;
};

const input = (amount?: number, refundId = 're_1') => ({ refundId, amount, metadata: {}, nowMs: T0 });

describe('refunds', () => {
  it('given a captured payment, when partially refunded, then the amount is reserved and refund.created announced', () => {
    const decision = requestRefund(aSucceededPayment(), input(3_000));
    expect(decision.ok && decision.value.refund).toMatchObject({ amount: 3_000, status: 'pending', currency: 'usd', paymentId: 'pay_test1' });
    expect(decision.ok && decision.value.events).toEqual([{ type: 'refund.created', paymentId: 'pay_test1', refundId: 're_1', amount: 3_000 }]);
    const reserved = decision.ok && evolveAll(aSucceededPayment(), decision.value.events, T0);
    expect(reserved && reserved.status === 'succeeded' && reserved.amountRefunded).toBe(3_000);
  });

  it('given no amount, when refunded, then the whole unrefunded remainder is refunded', () => {
    const decision = requestRefund(aSucceededPayment({ amountRefunded: 4_000 }), input());
    expect(decision.ok && decision.value.refund.amount).toBe(6_000);
  });

  it('given two partial refunds reserved, when a third exceeds the remainder, then amount_too_large', () => {
    let payment: Payment = aSucceededPayment();
    for (const amount of [4_000, 5_000]) {
      const decision = requestRefund(payment, input(amount));
      if (!decision.ok) throw new Error('expected the refund to be accepted');
      payment = evolveAll(payment, decision.value.events, T0);
    }
    expect(requestRefund(payment, input(1_001))).toMatchObject({ ok: false, error: { code: 'amount_too_large', param: 'amount' } });
    expect(requestRefund(payment, input(1_000)).ok).toBe(true);
  });

  it('given a fully refunded payment, when refunded again, then charge_already_refunded', () => {
    expect(requestRefund(aSucceededPayment({ amountRefunded: 10_000 }), input(1))).toMatchObject({ ok: false, error: { code: 'charge_already_refunded' } });
  });

  it('given a payment that is not captured, when refunded, then payment_unexpected_state', () => {
    expect(requestRefund(aPayment(), input(1))).toMatchObject({ ok: false, error: { code: 'payment_unexpected_state' } });
  });

  it('when the processor refunds, then the refund succeeds and the reservation stays', () => {
    const requested = requestRefund(aSucceededPayment(), input(3_000));
    if (!requested.ok) throw new Error('expected the refund to be accepted');
    const done = applyRefundOutcome(requested.value.refund, { refunded: true, processorRefundId: 'pr_1' }, T0);
    expect(done.refund).toMatchObject({ status: 'succeeded', processorRefundId: 'pr_1' });
    expect(refundedAfter(requested.value.events, done.events)).toBe(3_000);
    expect(done.events).toEqual([{ type: 'refund.succeeded', paymentId: 'pay_test1', refundId: 're_1' }]);
  });

  it('when the processor refuses, then the refund fails and the reservation is released', () => {
    const requested = requestRefund(aSucceededPayment(), input(3_000));
    if (!requested.ok) throw new Error('expected the refund to be accepted');
    const failed = applyRefundOutcome(requested.value.refund, { refunded: false, code: 'insufficient_funds' }, T0);
    expect(failed.refund).toMatchObject({ status: 'failed', failureReason: 'insufficient_funds' });
    expect(refundedAfter(requested.value.events, failed.events)).toBe(0);
    expect(failed.events).toEqual([{ type: 'refund.failed', paymentId: 'pay_test1', refundId: 're_1', amount: 3_000, code: 'insufficient_funds' }]);
  });

  it('given a refund already final, when an outcome arrives again, then nothing changes', () => {
    const requested = requestRefund(aSucceededPayment(), input(3_000));
    if (!requested.ok) throw new Error('expected the refund to be accepted');
    const done = applyRefundOutcome(requested.value.refund, { refunded: true, processorRefundId: 'pr_1' }, T0);
    const again = applyRefundOutcome(done.refund, { refunded: false, code: 'late' }, T0);
    expect(again.refund).toBe(done.refund);
    expect(again.events).toEqual([]);
  });
});
