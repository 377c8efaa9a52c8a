import { completedTaskFrom, hopTimeline, processorMsByPayment, taskTimeline } from './hop-timeline';
import type { Invocation } from './invocation-counting.proxy';

const payment = (id: string, at: number) => ({ id, createdAtEpochMs: at, createAnsweredAtEpochMs: at + 20, succeededAtEpochMs: at + 150 });
const call = (paymentId: string, fn: string, kind: Invocation['kind'], startMs: number, endMs: number): Invocation => ({ fn, kind, source: null, paymentId, status: 200, startMs, endMs });

describe('where a payment spends its time, hop by hop', () => {
  it('given the invocations of each payment, then every hop is placed after the create request, with its run time', () => {
    const payments = [payment('pay_a', 1_000), payment('pay_b', 5_000)];
    const invocations = [
      call('pay_a', 'score', 'task', 1_010, 1_050),
      call('pay_a', 'authorize', 'task', 1_060, 1_140),
      call('pay_a', 'monitor', 'push', 1_145, 1_160),
      call('pay_b', 'score', 'task', 5_030, 5_070),
      call('pay_b', 'authorize', 'task', 5_090, 5_150),
      call('pay_b', 'monitor', 'push', 5_160, 5_170),
      call('pay_other', 'score', 'task', 9_000, 9_100),
    ];

    const timeline = hopTimeline(payments, invocations, new Map([['pay_a', 2], ['pay_b', 4]]));

    expect(timeline.hops.map((h) => h.hop)).toEqual(['task score', 'task authorize', 'push monitor']);
    expect(timeline.hops[0]).toEqual({ hop: 'task score', payments: 2, perPayment: 1, startsAfterCreateMs: 10, runsMs: 40 });
    expect(timeline.hops[1]).toMatchObject({ startsAfterCreateMs: 60, runsMs: 60 });
    expect(timeline.hops[2]).toMatchObject({ startsAfterCreateMs: 145, runsMs: 10 });
    expect(timeline).toMatchObject({ createAnsweredMs: 20, succeededMs: 150, processorMs: 2 });
  });

  it('given processor calls, then each is charged to the payment its idempotency key (or path) names', () => {
    const totals = processorMsByPayment([
      { path: '/v1/authorizations', idempotency_key: 'auth_pay_a', ms: 1.5 },
      { path: '/v1/authorizations/auth_1/capture', idempotency_key: 'cap_pay_a', ms: 0.5 },
      { path: '/v1/cards/pm_1', idempotency_key: null, ms: 9 },
    ]);
    expect([...totals]).toEqual([['pay_a', 2]]);
  });
});

describe('task hops from the Cloud Tasks emulator log', () => {
  it('given task_completed lines naming payments, then each queue shows when its task was created, dispatched and done', () => {
    const line = (queue: string, name: string, scheduledAtMs: number, dispatchedAtMs: number) => JSON.stringify({ severity: 'DEBUG', event: 'task_completed', task: `projects/p/locations/l/queues/${queue}/tasks/${name}`, attempt: 1, scheduledAtMs, dispatchedAtMs });
    const tasks = [completedTaskFrom(line('fraud-scoring', 'fraud-pay_a', 1_010, 1_012), 1_060), completedTaskFrom(line('payment-authorizations', 'authorize-pay_a', 1_070, 1_075), 1_140), completedTaskFrom('{"severity":"INFO","event":"attempt_failed"}', 1_200)];

    expect(tasks[2]).toBeNull();
    expect(taskTimeline([payment('pay_a', 1_000)], tasks.filter((t) => t !== null))).toEqual([
      { queue: 'fraud-scoring', createdMs: 10, dispatchedMs: 12, completedMs: 60 },
      { queue: 'payment-authorizations', createdMs: 70, dispatchedMs: 75, completedMs: 140 },
    ]);
  });
});
