import { Clock } from '../../shared/clock';
import { TaskIntent } from '../../platform/application/task-queue';
import { PaymentGate } from './payment-gates';
import { owedTask, refundTask } from './payment-steps';
import { StuckWorkFinder } from './stuck-work.finder';
import { TaskQueue } from '../../platform/application/task-queue';

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

// A payment's chain can stop for good: the processor queue gives up after its retries (~3.4 h), a
// message is parked on the dead-letter topic, a task is lost with a crash between commit
// and hand-off. The payment's state says which step is owed, so the sweep re-enqueues that named
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
  const owed: TaskIntent[] = [];
  let left = 0;
  // A canceled payment whose void task gave up still holds the customer's funds: owed like any step.
  for (const payment of [...payments, ...holds]) {
    const task = owedTask(payment, deps.gates);
    if (task) owed.push(task);
    else left++;
  }
  for (const refund of refunds) owed.push(refundTask(refund.id));
  let enqueued = 0;
  for (const task of owed) if ((await deps.tasks.enqueue(task.queue, task.name, task.payload)) === 'enqueued') enqueued++;
  return { examined: payments.length + holds.length + refunds.length, enqueued, alreadyQueued: owed.length - enqueued, left };
}
