import { CloudTasksClient } from '@google-cloud/tasks';
import { QueueName } from '../../contracts/payment-tasks.v1';
import { EnqueueOptions, TaskQueue } from '../application/task-queue';

const ALREADY_EXISTS = 6;

export interface CloudTasksQueueConfig {
  project: string;
  location: string;
  /** Where the function that handles a queue's tasks listens. */
  targetUrl(queue: QueueName): string;
  /** In production Cloud Tasks signs each call with this service account's OIDC token. */
  serviceAccountEmail?: string;
}

export class CloudTasksQueue implements TaskQueue {
  constructor(
    private readonly client: CloudTasksClient,
    private readonly config: CloudTasksQueueConfig,
  ) {}

  async enqueue(queue: QueueName, taskName: string, payload: Record<string, unknown>, options?: EnqueueOptions): Promise<'enqueued' | 'duplicate'> {
    const parent = this.client.queuePath(this.config.project, this.config.location, queue);
    const url = this.config.targetUrl(queue);
    try {
      await this.client.createTask({
        parent,
        task: {
          name: `${parent}/tasks/${taskName}`,
          ...(options?.delaySeconds ? { scheduleTime: { seconds: Math.floor(Date.now() / 1000) + Math.ceil(options.delaySeconds) } } : {}),
          httpRequest: {
            httpMethod: 'POST',
            url,
            headers: { 'content-type': 'application/json' },
            body: Buffer.from(JSON.stringify(payload)).toString('base64'),
            ...(this.config.serviceAccountEmail ? { oidcToken: { serviceAccountEmail: this.config.serviceAccountEmail, audience: url } } : {}),
          },
        },
      });
      return 'enqueued';
    } catch (error) {
      if ((error as { code?: number }).code === ALREADY_EXISTS) return 'duplicate';
      throw error;
    }
  }
}
