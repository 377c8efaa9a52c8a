import { MERCHANT } from '../../payments/application/testing/payment-builders';
import { paymentHeldBy } from '../../payments/application/testing/held-payment';
import { decideReview } from './reviews.command';

describe("merchant's review endpoint and compliance holds", () => {
  it.each(['approve', 'reject'] as const)('given a payment held by the sanctions gate, when the merchant tries to %s it, then 409 payment_held_by_compliance and it stays held', async (action) => {
    const { h, id } = await paymentHeldBy('sanctions');
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'requires_review', reviewGate: 'sanctions' });
    const result = await h.run((tx) => decideReview(h.deps, tx, MERCHANT, id, action));
    expect(result.ok ? null : { status: result.error.status, code: result.error.code }).toEqual({ status: 409, code: 'payment_held_by_compliance' });
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'requires_review', reviewGate: 'sanctions' });
    expect(h.processor.calls).toEqual([]);
  });

  it('given a payment held by the fraud gate, when the merchant approves it, then the chain continues', async () => {
    const { h, id } = await paymentHeldBy('fraud');
    expect((await h.run((tx) => decideReview(h.deps, tx, MERCHANT, id, 'approve'))).ok).toBe(true);
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'succeeded' });
  });
});
