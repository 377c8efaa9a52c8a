import { status } from '@grpc/grpc-js';
import type { EmulatorFailure, HttpTarget, QueueRecord, RateLimitSettings, Result, TaskRecord } from './emulator-types';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { generateTaskId, isLocationName, parseQueueName, parseTaskName } from './resource-names';

export const DEFAULT_RATE_LIMITS: RateLimitSettings = { maxDispatchesPerSecond: 500, maxConcurrentDispatches: 1000 };
export const DEFAULT_DISPATCH_DEADLINE_MS = 10 * 60_000;

const fail = (code: status, message: string): EmulatorFailure => ({ ok: false, code, message });

export interface NewTask {
  /** Full task name when the caller chose one; such names are deduplicated. */
  name?: string;
  http: HttpTarget;
  scheduleTimeMs?: number;
  dispatchDeadlineMs?: number;
}

/** In-memory queues and tasks, plus the tombstones that make named-task creation idempotent. */
export class QueueStore {
  private readonly queues = new Map<string, QueueRecord>();
  /** Names of finished or deleted named tasks, with the time their dedup window ends. */
  private readonly tombstones = new Map<string, number>();

  constructor(
    private readonly dedupWindowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  createQueue(parent: string, name: string, rateLimits: RateLimitSettings, retry: RetryPolicy): Result<QueueRecord> {
    if (!isLocationName(parent)) return fail(status.INVALID_ARGUMENT, `invalid parent "${parent}"`);
    const parsed = parseQueueName(name);
    if (!parsed || parsed.location !== parent) {
      return fail(status.INVALID_ARGUMENT, `queue name "${name}" must be ${parent}/queues/QUEUE_ID`);
    }
    if (this.queues.has(name)) return fail(status.ALREADY_EXISTS, `queue ${name} already exists`);
    const queue: QueueRecord = { name, state: 'RUNNING', rateLimits, retry, tasks: new Map() };
    this.queues.set(name, queue);
    return { ok: true, value: queue };
  }

  /** UpdateQueue creates a missing queue, like the real API. */
  getOrCreateQueue(name: string): Result<QueueRecord> {
    const existing = this.queues.get(name);
    if (existing) return { ok: true, value: existing };
    const parsed = parseQueueName(name);
    if (!parsed) return fail(status.INVALID_ARGUMENT, `invalid queue name "${name}"`);
    return this.createQueue(parsed.location, name, { ...DEFAULT_RATE_LIMITS }, { ...DEFAULT_RETRY_POLICY });
  }

  getQueue(name: string): Result<QueueRecord> {
    const queue = this.queues.get(name);
    return queue ? { ok: true, value: queue } : fail(status.NOT_FOUND, `queue ${name} not found`);
  }

  listQueues(parent: string): QueueRecord[] {
    return [...this.queues.values()].filter((q) => q.name.startsWith(`${parent}/queues/`));
  }

  allQueues(): IterableIterator<QueueRecord> {
    return this.queues.values();
  }

  /** Removes the queue; the caller cancels the returned queue's tasks. */
  deleteQueue(name: string): Result<QueueRecord> {
    const found = this.getQueue(name);
    if (found.ok) this.queues.delete(name);
    return found;
  }

  addTask(queue: QueueRecord, spec: NewTask): Result<TaskRecord> {
    const now = this.now();
    let name: string;
    if (spec.name) {
      const parsed = parseTaskName(spec.name);
      if (!parsed || parsed.queue !== queue.name) {
        return fail(status.INVALID_ARGUMENT, `task name "${spec.name}" must be ${queue.name}/tasks/TASK_ID`);
      }
      if (queue.tasks.has(spec.name) || this.isTombstoned(spec.name, now)) {
        return fail(status.ALREADY_EXISTS, `task ${spec.name} already exists or was recently executed or deleted`);
      }
      name = spec.name;
    } else {
      do name = `${queue.name}/tasks/${generateTaskId()}`;
      while (queue.tasks.has(name));
    }
    const task: TaskRecord = {
      name,
      named: Boolean(spec.name),
      queue,
      http: spec.http,
      scheduleTimeMs: Math.max(spec.scheduleTimeMs ?? now, 0),
      createTimeMs: now,
      dispatchDeadlineMs: spec.dispatchDeadlineMs || DEFAULT_DISPATCH_DEADLINE_MS,
      dispatchCount: 0,
      responseCount: 0,
      executionCount: 0,
      phase: 'waiting',
    };
    queue.tasks.set(name, task);
    return { ok: true, value: task };
  }

  getTask(name: string): Result<TaskRecord> {
    const parsed = parseTaskName(name);
    if (!parsed) return fail(status.INVALID_ARGUMENT, `invalid task name "${name}"`);
    const queue = this.queues.get(parsed.queue);
    if (!queue) return fail(status.NOT_FOUND, `queue ${parsed.queue} not found`);
    const task = queue.tasks.get(name);
    return task ? { ok: true, value: task } : fail(status.NOT_FOUND, `task ${name} not found`);
  }

  /** Forgets a completed, dropped or deleted task; its name stays reserved for the dedup window. */
  removeTask(task: TaskRecord): void {
    task.phase = 'gone';
    if (task.queue.tasks.get(task.name) === task) task.queue.tasks.delete(task.name);
    if (!task.named) return;
    // Map iteration is insertion order and the window is constant, so expired entries sit at the front.
    this.tombstones.delete(task.name);
    this.tombstones.set(task.name, this.now() + this.dedupWindowMs);
    this.pruneTombstones();
  }

  private isTombstoned(name: string, now: number): boolean {
    const until = this.tombstones.get(name);
    return until !== undefined && until > now;
  }

  private pruneTombstones(): void {
    const now = this.now();
    for (const [name, until] of this.tombstones) {
      if (until > now) break;
      this.tombstones.delete(name);
    }
  }
}
