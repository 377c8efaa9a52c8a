import { aPayment, aSucceededPayment, T0 } from '../application/testing/payment-builders';
import { applyRefundOutcome, requestRefund } from './refund';

const input = (amount?: number, refundId = 're_1') => ({ refundId, amount, metadata: {}, nowMs: T0 });

describe('refunds', () => {
  it('given a captured payment, when partially refunded, then the amount is reserved and refund.created announced', () => {
    const decision = requestRefund(aSucceededPayment(), input(3_000));
    expect(decision.ok && decision.value.refund).toMatchObject({ amount: 3_000, status: 'pending', currency: 'usd', paymentId: 'pay_test1' });
    expect(decision.ok && decision.value.payment.amountRefunded).toBe(3_000);
    expect(decision.ok && decision.value.events).toEqual([{ type: 'refund.created', paymentId: 'pay_test1', refundId: 're_1' }]);
  });

  it('given no amount, when refunded, then the whole unrefunded remainder is refunded', () => {
    const decision = requestRefund(aSucceededPayment({ amountRefunded: 4_000 }), input());
    expect(decision.ok && decision.value.refund.amount).toBe(6_000);
  });

  it('given two partial refunds reserved, when a third exceeds the remainder, then amount_too_large', () => {
    let payment = aSucceededPayment();
    for (const amount of [4_000, 5_000]) {
      const decision = requestRefund(payment, input(amount));
      if (!decision.ok) throw new Error('expected the refund to be accepted');
      payment = decision.value.payment;
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
    const done = applyRefundOutcome(requested.value.payment, requested.value.refund, { refunded: true, processorRefundId: 'pr_1' }, T0);
    expect(done.refund).toMatchObject({ status: 'succeeded', processorRefundId: 'pr_1' });
    expect(done.payment.amountRefunded).toBe(3_000);
    expect(done.events).toEqual([{ type: 'refund.succeeded', paymentId: 'pay_test1', refundId: 're_1' }]);
  });

  it('when the processor refuses, then the refund fails and the reservation is released', () => {
    const requested = requestRefund(aSucceededPayment(), input(3_000));
    if (!requested.ok) throw new Error('expected the refund to be accepted');
    const failed = applyRefundOutcome(requested.value.payment, requested.value.refund, { refunded: false, code: 'insufficient_funds' }, T0);
    expect(failed.refund).toMatchObject({ status: 'failed', failureReason: 'insufficient_funds' });
    expect(failed.payment.amountRefunded).toBe(0);
    expect(failed.events).toEqual([{ type: 'refund.failed', paymentId: 'pay_test1', refundId: 're_1', code: 'insufficient_funds' }]);
  });

  it('given a refund already final, when an outcome arrives again, then nothing changes', () => {
    const requested = requestRefund(aSucceededPayment(), input(3_000));
    if (!requested.ok) throw new Error('expected the refund to be accepted');
    const done = applyRefundOutcome(requested.value.payment, requested.value.refund, { refunded: true, processorRefundId: 'pr_1' }, T0);
    const again = applyRefundOutcome(done.payment, done.refund, { refunded: false, code: 'late' }, T0);
    expect(again.refund).toBe(done.refund);
    expect(again.payment.amountRefunded).toBe(3_000);
    expect(again.events).toEqual([]);
  });
});
