import { QueueName } from '../../contracts/payment-tasks.v1';

// Port to Cloud Tasks. Named tasks make an enqueue idempotent: a second enqueue of the same name
// answers 'duplicate' instead of running the work twice.
export interface TaskQueue {
  enqueue(queue: QueueName, taskName: string, payload: Record<string, unknown>): Promise<'enqueued' | 'duplicate'>;
}

/** A named task a transaction owes once it has committed (the chain's next step). */
export interface TaskIntent {
  readonly queue: QueueName;
  readonly name: string;
  readonly payload: Record<string, unknown>;
}
