import { QUEUES } from '../../contracts/payment-tasks.v1';
import { Clock } from '../../shared/clock';
import { Payment } from '../domain/payment';
import { nextStep } from '../domain/payment.decisions';
import { gateNames, PaymentGate } from './payment-gates';
import { StuckWorkFinder } from './stuck-work.finder';
import { TaskQueue } from './task-queue';

export interface SweepOptions {
  /** How long a payment may sit in `processing` (or a refund in `pending`) before the sweep acts. */
  readonly stuckAfterMs: number;
  /** At most this many payments and this many refunds per run; the next run takes the rest. */
  readonly limit: number;
}

export interface SweepResult {
  readonly examined: number;
  readonly enqueued: number;
  readonly alreadyQueued: number;
  readonly left: number;
}

type OwedTask = { readonly queue: (typeof QUEUES)[keyof typeof QUEUES]; readonly name: string; readonly payload: Record<string, unknown> };

// A payment's chain can stop for good: the processor queue gives up after its retries (~3.4 h), a
// Pub/Sub message is parked on the dead-letter topic, a task is lost with a crash between commit
// and enqueue. The payment's state says which step is owed, so the sweep re-enqueues that named
// task. Cloud Tasks refuses a name it still knows (a task waiting or retrying): that answer is
// 'duplicate' and fine. Every handler re-reads the payment, so a step that turns out done does
// nothing. Payments in requires_review wait for a human and are left alone.
export async function sweepStuckPayments(
  deps: { stuck: StuckWorkFinder; tasks: TaskQueue; clock: Clock; gates: readonly PaymentGate[] },
  options: SweepOptions,
): Promise<SweepResult> {
  const cutoff = deps.clock.nowMs() - options.stuckAfterMs;
  const [payments, holds, refunds] = await Promise.all([
    deps.stuck.stuckPayments(cutoff, options.limit),
    deps.stuck.unreleasedHolds(cutoff, options.limit),
    deps.stuck.stuckRefunds(cutoff, options.limit),
  ]);
  const owed: OwedTask[] = [];
  let left = 0;
  for (const payment of payments) {
    const task = owedTask(payment, deps.gates);
    if (task) owed.push(task);
    else left++;
  }
  // A canceled payment whose void task gave up still holds the customer's funds.
  for (const payment of holds) owed.push({ queue: QUEUES.void, name: `void-${payment.id}`, payload: { payment_id: payment.id } });
  for (const refund of refunds) owed.push({ queue: QUEUES.refund, name: `refund-${refund.id}`, payload: { refund_id: refund.id } });
  let enqueued = 0;
  for (const task of owed) if ((await deps.tasks.enqueue(task.queue, task.name, task.payload)) === 'enqueued') enqueued++;
  return { examined: payments.length + holds.length + refunds.length, enqueued, alreadyQueued: owed.length - enqueued, left };
}

/** The named task a processing payment is waiting for, from its stage; the same names the chain uses. */
export function owedTask(payment: Payment, gates: readonly PaymentGate[]): OwedTask | null {
  if (payment.status !== 'processing') return null;
  const payload = { payment_id: payment.id };
  switch (payment.stage) {
    case 'gates':
    case 'authorizing': {
      const step = nextStep({ ...payment, stage: 'gates' }, gateNames(gates));
      if (step.kind === 'gate') {
        const gate = gates.find((g) => g.name === step.gate);
        return gate ? { queue: gate.queue, name: `${gate.name}-${payment.id}`, payload } : null;
      }
      return { queue: QUEUES.authorize, name: `authorize-${payment.id}`, payload };
    }
    case 'capturing':
      return { queue: QUEUES.capture, name: `capture-${payment.id}`, payload };
    case 'done':
      return null;
    default: {
      const never: never = payment.stage;
      return never;
    }
  }
}
