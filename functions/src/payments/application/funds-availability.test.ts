import { capturePayment } from './capture-payment.command';
import { createPayment } from './create-payment.command';
import { createRefund } from './create-refund.command';
import { DAY_MS, FundsAvailability } from './funds-availability';
import { aCreatePaymentRequest, MERCHANT, T0 } from './testing/payment-builders';
import { paymentsHarness, PaymentsHarness } from './testing/payments-harness';

async function create(h: PaymentsHarness, overrides = {}) {
  const result = await h.run((tx) => createPayment(h.deps, tx, MERCHANT, aCreatePaymentRequest(overrides)));
  if (!result.ok) throw new Error('expected the payment to be created');
  return result.value.id;
}

const charges = (h: PaymentsHarness) => h.payments.journals().flatMap((j) => j.balanceTransactions).filter((t) => t.type === 'charge');

describe('when captured funds become available (the merchant delay_days)', () => {
  it.each([0, 2, 7])('given delay_days %i, when a payment is captured automatically, then its charge is available that many days after the capture', async (delayDays) => {
    const h = paymentsHarness({ delayDays });
    const id = await create(h);
    await h.settle();
    expect(charges(h)).toEqual([expect.objectContaining({ id: `txn_cap_${id}`, source: id, createdMs: T0, availableOnMs: T0 + delayDays * DAY_MS, amount: 10_000, fee: 290, net: 9_710, payoutId: null })]);
    const balance = await h.balance();
    expect(balance).toMatchObject(delayDays === 0 ? { available: [{ amount: 9_710 }], pending: [{ amount: 0 }] } : { available: [{ amount: 0 }], pending: [{ amount: 9_710 }] });
  });

  it('given a manual capture, then the delay is read for the payment’s merchant and mode and counted from the capture', async () => {
    const asked: Array<[string, boolean]> = [];
    const h = paymentsHarness();
    const funds: FundsAvailability = { delayDaysFor: async (merchantId, livemode) => (asked.push([merchantId, livemode]), 3) };
    Object.assign(h.deps, { funds });
    const id = await create(h, { capture_method: 'manual' });
    await h.settle();
    expect(charges(h)).toEqual([]);
    expect((await h.run((tx) => capturePayment(h.deps, tx, MERCHANT, { paymentId: id, amountToCapture: 4_000 }))).ok).toBe(true);
    await h.settle();
    expect(asked).toEqual([[MERCHANT.merchantId, MERCHANT.livemode]]);
    expect(charges(h)).toEqual([expect.objectContaining({ amount: 4_000, availableOnMs: T0 + 3 * DAY_MS })]);
  });

  it('given a refund after the capture, then the refund is a negative balance transaction available at once, taken from the available balance', async () => {
    const h = paymentsHarness();
    const id = await create(h);
    await h.settle();
    expect((await h.run((tx) => createRefund(h.deps, tx, MERCHANT, { payment: id, amount: 2_500 }))).ok).toBe(true);
    await h.settle();
    const refunds = h.payments.journals().flatMap((j) => j.balanceTransactions).filter((t) => t.type === 'refund');
    expect(refunds).toEqual([expect.objectContaining({ amount: -2_500, net: -2_500, availableOnMs: T0, description: `Refund of ${id}` })]);
    expect(await h.balance()).toMatchObject({ available: [{ amount: -2_500, currency: 'usd' }], pending: [{ amount: 9_710, currency: 'usd' }] });
  });
});
