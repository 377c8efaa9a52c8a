import { QUEUES } from '../../contracts/payment-tasks.v1';
import { fixedClock } from '../../shared/clock';
import { InMemoryPaymentRepository } from '../adapters/payment.memory-repository';
import { InMemoryTaskQueue } from '../../platform/adapters/task-queue.memory';
import { Payment } from '../domain/payment';
import { Refund } from '../domain/refund';
import { PaymentGate } from './payment-gates';
import { sweepStuckPayments } from './sweep-stuck-payments.command';
import { aCanceledPayment, aCapturingPayment, anAuthorizedPayment, aPayment, aPaymentInReview, aRefund, aSucceededPayment, T0 } from './testing/payment-builders';

const MINUTE = 60_000;
const GATES: PaymentGate[] = [{ name: 'fraud', queue: QUEUES.fraud }, { name: 'sanctions', queue: QUEUES.sanctions }];
const OPTIONS = { stuckAfterMs: 15 * MINUTE, limit: 100 };

async function given(payments: Payment[], refunds: Refund[] = []) {
  const repository = new InMemoryPaymentRepository();
  await repository.transaction(async (tx) => {
    payments.forEach((p) => tx.savePayment(p));
    refunds.forEach((r) => tx.saveRefund(r));
  });
  const tasks = new InMemoryTaskQueue();
  const sweep = () => sweepStuckPayments({ stuck: repository, tasks, clock: fixedClock(T0 + 60 * MINUTE), gates: GATES }, OPTIONS);
  return { tasks, sweep };
}

const longAgo = T0; // an hour before the sweep runs
const justNow = T0 + 59 * MINUTE;

describe('sweep of stuck payments', () => {
  it('given payments stuck at each step, then the task each one is owed is re-enqueued under the chain’s own name', async () => {
    const { tasks, sweep } = await given([
      aPayment({ id: 'pay_gate1', updatedMs: longAgo }),
      aPayment({ id: 'pay_gate2', gatesPassed: ['fraud'], updatedMs: longAgo }),
      aPayment({ id: 'pay_auth1', gatesPassed: ['fraud', 'sanctions'], updatedMs: longAgo }),
      aCapturingPayment({ id: 'pay_cap1', updatedMs: longAgo }),
    ]);
    expect(await sweep()).toEqual({ examined: 4, enqueued: 4, alreadyQueued: 0, left: 0 });
    expect(tasks.tasks.map((t) => [t.queue, t.name, t.payload])).toEqual([
      [QUEUES.fraud, 'fraud-pay_gate1', { payment_id: 'pay_gate1' }],
      [QUEUES.sanctions, 'sanctions-pay_gate2', { payment_id: 'pay_gate2' }],
      [QUEUES.authorize, 'authorize-pay_auth1', { payment_id: 'pay_auth1' }],
      [QUEUES.capture, 'capture-pay_cap1', { payment_id: 'pay_cap1' }],
    ]);
  });

  it('given a refund pending for too long, then its refund task is re-enqueued', async () => {
    const { tasks, sweep } = await given([], [aRefund({ id: 're_stuck1', status: 'pending', updatedMs: longAgo })]);
    await sweep();
    expect(tasks.tasks.map((t) => [t.queue, t.name, t.payload])).toEqual([[QUEUES.refund, 'refund-re_stuck1', { refund_id: 're_stuck1' }]]);
  });

  it('given a canceled payment whose void is still owed, then its void task is re-enqueued; a released one is left alone', async () => {
    const { tasks, sweep } = await given([
      aCanceledPayment({ id: 'pay_held', holdReleased: false, updatedMs: longAgo }),
      aCanceledPayment({ id: 'pay_released', holdReleased: true, updatedMs: longAgo }),
      aCanceledPayment({ id: 'pay_held_recent', holdReleased: false, updatedMs: justNow }),
    ]);
    expect(await sweep()).toMatchObject({ examined: 1, enqueued: 1 });
    expect(tasks.tasks.map((t) => [t.queue, t.name, t.payload])).toEqual([[QUEUES.void, 'void-pay_held', { payment_id: 'pay_held' }]]);
  });

  it('given recent, final, reviewed or authorised-and-waiting payments, then nothing is enqueued', async () => {
    const { tasks, sweep } = await given(
      [
        aPayment({ id: 'pay_recent', updatedMs: justNow }),
        aSucceededPayment({ id: 'pay_done', updatedMs: longAgo }),
        aPaymentInReview({ id: 'pay_review', reviewGate: 'fraud', updatedMs: longAgo }),
        anAuthorizedPayment({ id: 'pay_waiting', updatedMs: longAgo }),
      ],
      [aRefund({ id: 're_done', status: 'succeeded', updatedMs: longAgo })],
    );
    expect(await sweep()).toMatchObject({ examined: 0, enqueued: 0 });
    expect(tasks.tasks).toEqual([]);
  });

  it('given the owed task still exists (waiting or retrying), then the duplicate name is refused and counted, nothing runs twice', async () => {
    const { tasks, sweep } = await given([aCapturingPayment({ id: 'pay_cap2', updatedMs: longAgo })]);
    await tasks.enqueue(QUEUES.capture, 'capture-pay_cap2', { payment_id: 'pay_cap2' });
    expect(await sweep()).toEqual({ examined: 1, enqueued: 0, alreadyQueued: 1, left: 0 });
    expect(tasks.inQueue(QUEUES.capture)).toHaveLength(1);
  });

  it('given more stuck payments than the limit, then the oldest are taken first and the rest wait for the next run', async () => {
    const payments = [3, 1, 2].map((n) => aCapturingPayment({ id: `pay_old${n}`, updatedMs: T0 + n }));
    const repository = new InMemoryPaymentRepository();
    await repository.transaction(async (tx) => payments.forEach((p) => tx.savePayment(p)));
    const tasks = new InMemoryTaskQueue();
    await sweepStuckPayments({ stuck: repository, tasks, clock: fixedClock(T0 + 60 * MINUTE), gates: GATES }, { stuckAfterMs: 15 * MINUTE, limit: 2 });
    expect(tasks.tasks.map((t) => t.name)).toEqual(['capture-pay_old1', 'capture-pay_old2']);
  });
});
