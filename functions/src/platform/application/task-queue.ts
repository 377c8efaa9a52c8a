import { QueueName } from '../../contracts/payment-tasks.v1';

// Port to Cloud Tasks. Named tasks make an enqueue idempotent: a second enqueue of the same name
// answers 'duplicate' instead of running the work twice.
export interface TaskQueue {
  enqueue(queue: QueueName, taskName: string, payload: Record<string, unknown>, options?: EnqueueOptions): Promise<'enqueued' | 'duplicate'>;
}

export interface EnqueueOptions {
  /** Dispatch no earlier than this many seconds from now (Cloud Tasks scheduleTime); unset, at once. */
  readonly delaySeconds?: number;
}

/** A named task a transaction owes once it has committed (the chain's next step). */
export interface TaskIntent {
  readonly queue: QueueName;
  readonly name: string;
  readonly payload: Record<string, unknown>;
  /** Dispatch no earlier than this many seconds after the hand-off (e.g. a payout's cancel window). */
  readonly delaySeconds?: number;
}
