import { QueueName } from '../../contracts/payment-tasks.v1';
import { EnqueueOptions, TaskQueue } from '../application/task-queue';

export interface RecordedTask {
  readonly queue: QueueName;
  readonly name: string;
  readonly payload: Record<string, unknown>;
  readonly delaySeconds?: number;
}

/** Cloud Tasks in memory: named tasks, a repeated name answers 'duplicate' like ALREADY_EXISTS. */
export class InMemoryTaskQueue implements TaskQueue {
  readonly tasks: RecordedTask[] = [];
  private readonly names = new Set<string>();
  private taken = 0;
  private failure: Error | null = null;

  async enqueue(queue: QueueName, taskName: string, payload: Record<string, unknown>, options?: EnqueueOptions): Promise<'enqueued' | 'duplicate'> {
    if (this.failure) throw this.failure;
    // Cloud Tasks names are unique per queue.
    const key = `${queue}/${taskName}`;
    if (this.names.has(key)) return 'duplicate';
    this.names.add(key);
    this.tasks.push({ queue, name: taskName, payload: structuredClone(payload), ...(options?.delaySeconds ? { delaySeconds: options.delaySeconds } : {}) });
    return 'enqueued';
  }

  /** Make every enqueue throw (an unavailable Cloud Tasks API) until `recover`. */
  failWith(error: Error = new Error('cloud tasks unavailable')): this {
    this.failure = error;
    return this;
  }

  recover(): this {
    this.failure = null;
    return this;
  }

  /** Tasks enqueued since the last call, for a test that plays the dispatcher. */
  takeNew(): RecordedTask[] {
    const fresh = this.tasks.slice(this.taken);
    this.taken = this.tasks.length;
    return fresh;
  }

  inQueue(queue: QueueName): RecordedTask[] {
    return this.tasks.filter((task) => task.queue === queue);
  }
}
