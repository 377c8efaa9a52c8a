import { createPayment } from './create-payment.command';
import { createRefund } from './create-refund.command';
import { aCreatePaymentRequest, MERCHANT, OTHER_MERCHANT } from './testing/payment-builders';
import { paymentsHarness, PaymentsHarness } from './testing/payments-harness';

async function succeededPayment(h: PaymentsHarness): Promise<string> {
  const created = await h.run((tx) => createPayment(h.deps, tx, MERCHANT, aCreatePaymentRequest()));
  if (!created.ok) throw new Error('expected the payment to be created');
  await h.settle();
  return created.value.id;
}

const refund = (h: PaymentsHarness, payment: string, amount?: number, merchant = MERCHANT) =>
  h.run((tx) => createRefund(h.deps, tx, merchant, { payment, amount }));

describe('refunds with memory adapters', () => {
  it('given two partial refunds, when a third exceeds the remainder, then it is refused and the balance shows both refunds', async () => {
    const h = paymentsHarness();
    const id = await succeededPayment(h);
    expect((await refund(h, id, 4_000)).ok).toBe(true);
    expect((await refund(h, id, 5_000)).ok).toBe(true);
    await h.settle();
    expect(await refund(h, id, 1_001)).toMatchObject({ ok: false, error: { status: 400, code: 'amount_too_large', param: 'amount' } });
    expect(h.payments.allRefunds().map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(await h.payments.getPayment(id)).toMatchObject({ amountRefunded: 9_000 });
    // 10,000 captured less 290 fee is pending for two days; the 9,000 refunded leave the available
    // balance at once (negative, carried until the capture's funds are available); fees are not returned.
    expect(await h.balance()).toMatchObject({ available: [{ amount: -9_000, currency: 'usd' }], pending: [{ amount: 9_710, currency: 'usd' }] });
    expect(h.payments.journals().map((j) => j.kind)).toEqual(['capture', 'refund', 'refund']);
  });

  it('given the processor refuses a refund, when executed, then it fails and the amount can be refunded again', async () => {
    const h = paymentsHarness();
    const id = await succeededPayment(h);
    h.processor.nextRefund({ refunded: false, code: 'insufficient_funds' });
    const first = await refund(h, id);
    await h.settle();
    expect(first.ok && (await h.payments.getRefund(first.value.id))).toMatchObject({ status: 'failed', failureReason: 'insufficient_funds' });
    expect(await h.payments.getPayment(id)).toMatchObject({ amountRefunded: 0 });
    expect(h.payments.journals().map((j) => j.kind)).toEqual(['capture']);
    expect((await refund(h, id)).ok).toBe(true);
  });

  it('given a refund task repeated after success, when it runs again, then the processor is not called twice', async () => {
    const h = paymentsHarness();
    const id = await succeededPayment(h);
    await refund(h, id, 1_000);
    await h.settle();
    const [task] = h.tasks.tasks.filter((t) => t.name.startsWith('refund-'));
    expect(await h.dispatch(task)).toEqual({ kind: 'done', detail: 'already_final' });
    expect(h.processor.callsTo('refund')).toHaveLength(1);
    expect(h.payments.journals()).toHaveLength(2);
  });

  it("given another merchant's payment, when refunded, then it looks missing", async () => {
    const h = paymentsHarness();
    const id = await succeededPayment(h);
    expect(await refund(h, id, 100, OTHER_MERCHANT)).toMatchObject({ ok: false, error: { status: 404, code: 'resource_missing', param: 'payment' } });
  });
});
