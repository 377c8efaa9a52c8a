import { TaskQueue } from '../../platform/application/task-queue';
import { Payment } from '../domain/payment';
import { PaymentGate } from './payment-gates';
import { owedTask } from './payment-steps';

/**
 * A step redelivered after its work was committed (its process died between the commit and the
 * hand-off, or before answering) hands the payment over again: the named task its state owes. Cloud
 * Tasks refuses a name it still knows, so this is a no-op when the first hand-off got through, and it
 * throws when Cloud Tasks is unreachable, so the step is retried rather than the payment left waiting
 * for the sweep.
 */
export async function resumeHandOff(deps: { tasks: TaskQueue; gates: readonly PaymentGate[] }, payment: Payment): Promise<void> {
  const task = owedTask(payment, deps.gates);
  if (task) await deps.tasks.enqueue(task.queue, task.name, task.payload);
}
