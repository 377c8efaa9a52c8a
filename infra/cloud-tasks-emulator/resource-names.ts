import { randomInt } from 'node:crypto';

const LOCATION = /^projects\/[^/]+\/locations\/[^/]+$/;
const QUEUE = /^(projects\/[^/]+\/locations\/[^/]+)\/queues\/([A-Za-z0-9-]{1,100})$/;
const TASK = /^(projects\/[^/]+\/locations\/[^/]+\/queues\/[A-Za-z0-9-]{1,100})\/tasks\/([A-Za-z0-9_-]{1,500})$/;

export function isLocationName(name: string): boolean {
  return LOCATION.test(name);
}

export function parseQueueName(name: string): { location: string; queueId: string } | undefined {
  const match = QUEUE.exec(name);
  return match ? { location: match[1], queueId: match[2] } : undefined;
}

export function parseTaskName(name: string): { queue: string; taskId: string } | undefined {
  const match = TASK.exec(name);
  return match ? { queue: match[1], taskId: match[2] } : undefined;
}

/** The last path segment: what the X-CloudTasks-QueueName / TaskName headers carry. */
export function shortId(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** Cloud Tasks generates numeric task ids of about 19 digits. */
export function generateTaskId(): string {
  const head = randomInt(1, 10);
  const rest = Array.from({ length: 3 }, () => String(randomInt(0, 1_000_000)).padStart(6, '0')).join('');
  return `${head}${rest}`;
}
