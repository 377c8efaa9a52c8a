import { InMemoryPaymentRepository } from '../../payments/adapters/payment.memory-repository';
import { createPayment, MerchantContext } from '../../payments/application/create-payment.command';
import { presentPayment } from '../../payments/application/payment.presenter';
import { aCreatePaymentRequest, MERCHANT, OTHER_MERCHANT, T0 } from '../../payments/application/testing/payment-builders';
import { fixedClock } from '../../shared/clock';
import { runIdempotent } from './idempotent-mutation';

function setup() {
  const payments = new InMemoryPaymentRepository();
  const clock = fixedClock(T0);
  const post = (key: string | undefined, body: { amount: number }, merchant: MerchantContext = MERCHANT) =>
    runIdempotent(
      { transactions: payments, clock },
      {
        merchant, key, method: 'POST', path: '/v1/payments', body,
        execute: async (tx) => {
          const created = await createPayment({ clock, gates: [] }, tx, merchant, aCreatePaymentRequest(body));
          return { status: 201, body: created.ok ? presentPayment(created.value) : null };
        },
      },
    );
  return { payments, clock, post };
}

describe('idempotent mutations', () => {
  it('given a completed request, when replayed with the same key and body, then the same status and body come back marked replayed', async () => {
    const { payments, post } = setup();
    const first = await post('key-1', { amount: 500 });
    const again = await post('key-1', { amount: 500 });
    expect(first.replayed).toBeUndefined();
    expect(again).toEqual({ status: first.status, body: first.body, replayed: true });
    expect(payments.allPayments()).toHaveLength(1);
  });

  it('given a used key, when sent with a different body, then idempotency_error and nothing is created', async () => {
    const { payments, post } = setup();
    await post('key-1', { amount: 500 });
    const other = await post('key-1', { amount: 600 });
    expect(other.status).toBe(400);
    expect(other.body).toMatchObject({ error: { type: 'idempotency_error', code: 'idempotency_key_reused' } });
    expect(payments.allPayments()).toHaveLength(1);
  });

  it('given two merchants, when both use the same key, then each gets its own payment', async () => {
    const { payments, post } = setup();
    const mine = await post('shared-key', { amount: 500 });
    const theirs = await post('shared-key', { amount: 500 }, OTHER_MERCHANT);
    expect(theirs.replayed).toBeUndefined();
    expect((theirs.body as { id: string }).id).not.toBe((mine.body as { id: string }).id);
    expect(payments.allPayments().map((p) => p.merchantId).sort()).toEqual([MERCHANT.merchantId, OTHER_MERCHANT.merchantId]);
  });

  it('given concurrent requests with one key, when they race, then exactly one payment is created and all answers agree', async () => {
    const { payments, post } = setup();
    const replies = await Promise.all(Array.from({ length: 5 }, () => post('race', { amount: 700 })));
    expect(payments.allPayments()).toHaveLength(1);
    expect(new Set(replies.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(replies.filter((r) => r.replayed)).toHaveLength(4);
  });

  it('given no key, when sent twice, then two payments are created and no record kept', async () => {
    const { payments, post } = setup();
    await post(undefined, { amount: 500 });
    await post(undefined, { amount: 500 });
    expect(payments.allPayments()).toHaveLength(2);
    expect(payments.idempotencyRecords()).toEqual([]);
  });

  it('given an empty or overlong key, then idempotency_key_invalid', async () => {
    const { post } = setup();
    for (const key of ['', 'k'.repeat(256)]) {
      expect(await post(key, { amount: 500 })).toMatchObject({ status: 400, body: { error: { code: 'idempotency_key_invalid' } } });
    }
  });

  it('given an expired record, when the key is reused, then the request runs again', async () => {
    const { payments, clock, post } = setup();
    await post('key-1', { amount: 500 });
    clock.advance(24 * 60 * 60 * 1000);
    expect((await post('key-1', { amount: 900 })).replayed).toBeUndefined();
    expect(payments.allPayments()).toHaveLength(2);
  });
});
