import { QueueName } from '../../contracts/payment-tasks.v1';

// Port to Cloud Tasks. Named tasks make an enqueue idempotent: a second enqueue of the same name
// answers 'duplicate' instead of running the work twice.
export interface TaskQueue {
  enqueue(queue: QueueName, taskName: string, payload: Record<string, unknown>): Promise<'enqueued' | 'duplicate'>;
}
