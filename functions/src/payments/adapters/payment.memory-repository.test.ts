import { minorUnits } from '../../shared/money';
import { aPayment, aSucceededPayment } from '../application/testing/payment-builders';
import { Payment, Succeeded } from '../domain/payment';

const refunded = (p: Payment | null) => (p?.status === 'succeeded' ? p.amountRefunded : null);
import { InMemoryPaymentRepository } from './payment.memory-repository';

describe('InMemoryPaymentRepository', () => {
  it('given a body with a side effect, when the transaction commits, then the body ran twice and only the last run is written', async () => {
    const repo = new InMemoryPaymentRepository();
    const sideEffects: number[] = [];
    const result = await repo.transaction(async (tx) => {
      sideEffects.push(sideEffects.length + 1);
      tx.savePayment(aSucceededPayment({ amountRefunded: sideEffects.length }));
      return sideEffects.length;
    });
    expect(sideEffects).toEqual([1, 2]);
    expect(result).toBe(2);
    expect(refunded(await repo.getPayment('pay_test1'))).toBe(2);
  });

  it('given a body, when its first run stages writes, then they are discarded and the second run does not see them', async () => {
    const repo = new InMemoryPaymentRepository();
    const seen: Array<number | null> = [];
    await repo.transaction(async (tx) => {
      seen.push(refunded(await tx.getPayment('pay_test1')));
      tx.savePayment(aSucceededPayment({ amountRefunded: 7 }));
      tx.appendEvents([]);
    });
    expect(seen).toEqual([null, null]);
    expect(repo.allPayments()).toHaveLength(1);
  });

  it('given work that throws, when the transaction ends, then none of its writes are visible', async () => {
    const repo = new InMemoryPaymentRepository();
    await expect(
      repo.transaction(async (tx) => {
        tx.savePayment(aPayment());
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await repo.getPayment('pay_test1')).toBeNull();
  });

  it('given a failed commit, when the transaction ends, then nothing is written and the listener is not told', async () => {
    const told: string[] = [];
    const repo = new InMemoryPaymentRepository({ onCommitted: async (committed) => void told.push(...(committed.outbox?.events ?? []).map((e) => e.id)) });
    repo.failNextCommit();
    await expect(repo.transaction(async (tx) => tx.savePayment(aPayment()))).rejects.toThrow('transaction aborted');
    expect(repo.allPayments()).toEqual([]);
    expect(told).toEqual([]);
  });

  it('given concurrent read-modify-write transactions, when they run, then none loses an update', async () => {
    const repo = new InMemoryPaymentRepository();
    await repo.transaction(async (tx) => tx.savePayment(aSucceededPayment({ amountRefunded: 0 })));
    await Promise.all(
      Array.from({ length: 10 }, () =>
        repo.transaction(async (tx) => {
          const p = (await tx.getPayment('pay_test1')) as Succeeded;
          await new Promise((resolve) => setImmediate(resolve));
          tx.savePayment({ ...p, amountRefunded: minorUnits(p.amountRefunded + 1) });
        }),
      ),
    );
    expect(refunded(await repo.getPayment('pay_test1'))).toBe(10);
  });

  it('lists a merchant’s payments newest first with a cursor', async () => {
    const repo = new InMemoryPaymentRepository();
    await repo.transaction(async (tx) => {
      for (let i = 1; i <= 3; i++) tx.savePayment(aPayment({ id: `pay_${i}`, createdMs: i }));
      tx.savePayment(aPayment({ id: 'pay_other', merchantId: 'acct_other' }));
    });
    const first = await repo.listPayments('acct_test1', false, { limit: 2 });
    expect(first.payments.map((p) => p.id)).toEqual(['pay_3', 'pay_2']);
    expect(first.hasMore).toBe(true);
    const next = await repo.listPayments('acct_test1', false, { limit: 2, startingAfter: 'pay_2' });
    expect(next).toMatchObject({ payments: [{ id: 'pay_1' }], hasMore: false });
  });
});
