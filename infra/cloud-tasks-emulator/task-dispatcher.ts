import type { DeliveryFaults } from './delivery-faults';
import type { AttemptRecord, EmulatorLog, QueueRecord, TaskRecord } from './emulator-types';
import { buildDispatchHeaders, createDispatchAgent, rpcCodeForHttpStatus, sendAttempt, type AttemptOutcome } from './http-dispatch';
import type { QueueStore } from './queue-store';
import { burstSizeFor, RateLimiter } from './rate-limiter';
import { retriesExhausted, retryDelayMs } from './retry-policy';

/** setTimeout cannot wait longer than this; longer waits re-arm when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface QueueRuntime {
  /** FIFO of tasks that became due; entries whose task left the "ready" phase are skipped. */
  ready: TaskRecord[];
  head: number;
  inFlight: number;
  limiter: RateLimiter;
  pumpTimer?: NodeJS.Timeout;
}

/**
 * Moves tasks from "waiting" (one unref'd timer per task, armed for its due time) to "ready"
 * (a per-queue FIFO), and from "ready" to HTTP dispatch whenever the queue is running and both
 * its concurrency and rate limits allow. Nothing polls: timers, new tasks and finished attempts
 * are the only things that trigger work.
 */
export class TaskDispatcher {
  private readonly runtimes = new Map<QueueRecord, QueueRuntime>();
  private readonly attempts = new Set<Promise<void>>();
  // One connection pool per queue, as Cloud Tasks dispatches each queue on its own: a queue whose targets hang
  // (a merchant's webhook endpoint taking its 10 s) must not hold the connections another queue's tasks need.
  private readonly agents = new Map<QueueRecord, ReturnType<typeof createDispatchAgent>>();
  private closed = false;

  constructor(
    private readonly store: QueueStore,
    private readonly log: EmulatorLog,
    private readonly now: () => number = Date.now,
    /** Simulation only: duplicated and delayed (reordered) deliveries. */
    private readonly faults?: DeliveryFaults,
  ) {}

  /** Arms a new or retried task for its scheduleTime. */
  schedule(task: TaskRecord): void {
    if (this.closed || task.phase === 'gone') return;
    const delay = task.scheduleTimeMs - this.now();
    if (delay <= 0) {
      const extra = this.faults?.delayMs(task.name) ?? 0;
      if (extra > 0) {
        task.phase = 'waiting';
        task.timer = setTimeout(() => {
          task.timer = undefined;
          if (!this.closed && task.phase === 'waiting') this.markReady(task);
        }, extra);
        task.timer.unref();
        return;
      }
      this.markReady(task);
      return;
    }
    task.phase = 'waiting';
    task.timer = setTimeout(() => {
      task.timer = undefined;
      this.schedule(task);
    }, Math.min(delay, MAX_TIMER_MS));
    task.timer.unref();
  }

  /** RunTask: dispatch now, ignoring pause and rate limits. No-op if an attempt is already in flight. */
  runNow(task: TaskRecord): void {
    if (this.closed || task.phase === 'dispatching' || task.phase === 'gone') return;
    this.clearTimer(task);
    task.scheduleTimeMs = this.now();
    this.dispatch(task, this.runtime(task.queue));
  }

  /** Stops a task that was deleted or purged; an in-flight attempt is aborted and its result ignored. */
  cancel(task: TaskRecord): void {
    this.clearTimer(task);
    task.abort?.abort();
  }

  /** Re-reads rate limits and state after UpdateQueue/PauseQueue/ResumeQueue. */
  queueChanged(queue: QueueRecord): void {
    const { maxDispatchesPerSecond } = queue.rateLimits;
    this.runtime(queue).limiter.reconfigure(maxDispatchesPerSecond, burstSizeFor(maxDispatchesPerSecond));
    this.pump(queue);
  }

  queueDeleted(queue: QueueRecord): void {
    for (const task of queue.tasks.values()) {
      this.cancel(task);
      task.phase = 'gone';
    }
    const runtime = this.runtimes.get(queue);
    if (runtime?.pumpTimer) clearTimeout(runtime.pumpTimer);
    this.runtimes.delete(queue);
  }

  /** Stops all dispatching and waits for aborted attempts to settle. */
  private agentFor(queue: QueueRecord): ReturnType<typeof createDispatchAgent> {
    let agent = this.agents.get(queue);
    if (!agent) this.agents.set(queue, (agent = createDispatchAgent()));
    return agent;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const queue of this.store.allQueues()) this.queueDeleted(queue);
    for (const runtime of this.runtimes.values()) if (runtime.pumpTimer) clearTimeout(runtime.pumpTimer);
    this.runtimes.clear();
    await Promise.allSettled([...this.attempts]);
    await Promise.all([...this.agents.values()].map((agent) => agent.destroy()));
  }

  private markReady(task: TaskRecord): void {
    task.phase = 'ready';
    this.runtime(task.queue).ready.push(task);
    this.pump(task.queue);
  }

  private pump(queue: QueueRecord): void {
    if (this.closed || queue.state !== 'RUNNING') return;
    const rt = this.runtime(queue);
    while (rt.head < rt.ready.length) {
      const task = rt.ready[rt.head];
      if (task.phase !== 'ready') {
        rt.head++;
        continue;
      }
      if (rt.inFlight >= queue.rateLimits.maxConcurrentDispatches) return this.compact(rt); // a finishing attempt pumps again
      if (!rt.limiter.tryTake()) {
        this.armPumpTimer(queue, rt, rt.limiter.msUntilNextToken());
        return this.compact(rt);
      }
      rt.head++;
      this.dispatch(task, rt);
    }
    rt.ready = [];
    rt.head = 0;
  }

  /** Drops consumed entries once they dominate the array, keeping pushes and pops amortised O(1). */
  private compact(rt: QueueRuntime): void {
    if (rt.head < 1024 || rt.head * 2 < rt.ready.length) return;
    rt.ready = rt.ready.slice(rt.head);
    rt.head = 0;
  }

  private armPumpTimer(queue: QueueRecord, rt: QueueRuntime, delayMs: number): void {
    if (rt.pumpTimer) return;
    rt.pumpTimer = setTimeout(() => {
      rt.pumpTimer = undefined;
      this.pump(queue);
    }, Math.max(1, delayMs));
    rt.pumpTimer.unref();
  }

  private dispatch(task: TaskRecord, rt: QueueRuntime): void {
    const headers = buildDispatchHeaders(task);
    const attempt: AttemptRecord = { scheduleTimeMs: task.scheduleTimeMs, dispatchTimeMs: this.now() };
    task.phase = 'dispatching';
    task.dispatchCount++;
    // Cloud Tasks v2 keeps only the dispatch time of the first attempt.
    task.firstAttempt ??= { scheduleTimeMs: attempt.scheduleTimeMs, dispatchTimeMs: attempt.dispatchTimeMs };
    task.lastAttempt = attempt;
    task.abort = new AbortController();
    rt.inFlight++;
    const running = sendAttempt(this.agentFor(task.queue), task, headers, task.abort).then((outcome) => {
      rt.inFlight--;
      task.abort = undefined;
      this.attempts.delete(running);
      if (this.closed || task.phase === 'gone') return;
      this.settle(task, attempt, outcome);
      this.pump(task.queue);
    });
    this.attempts.add(running);
    if (this.faults?.duplicate(task.name)) {
      // A second, concurrent delivery of the same attempt; its outcome is ignored, as the task's
      // own attempt decides whether it is retried.
      const duplicate = sendAttempt(this.agentFor(task.queue), task, headers, new AbortController()).then(() => void this.attempts.delete(duplicate));
      this.attempts.add(duplicate);
    }
  }

  private settle(task: TaskRecord, attempt: AttemptRecord, outcome: AttemptOutcome): void {
    attempt.responseTimeMs = this.now();
    if (outcome.kind === 'response') {
      task.responseCount++;
      if (outcome.httpStatus !== 503) task.executionCount++;
      task.lastHttpStatus = outcome.httpStatus;
      attempt.status = { code: rpcCodeForHttpStatus(outcome.httpStatus), message: `HTTP status ${outcome.httpStatus}` };
      if (outcome.httpStatus >= 200 && outcome.httpStatus < 300) {
        const { scheduleTimeMs: scheduledAtMs, dispatchTimeMs: dispatchedAtMs } = attempt;
        this.log({ severity: 'DEBUG', event: 'task_completed', task: task.name, attempt: task.dispatchCount, scheduledAtMs, dispatchedAtMs });
        this.store.removeTask(task);
        return;
      }
    } else if (outcome.kind === 'deadline-exceeded') {
      attempt.status = { code: 4, message: `dispatch deadline of ${task.dispatchDeadlineMs}ms exceeded` };
    } else {
      attempt.status = { code: 14, message: outcome.kind === 'network-error' ? outcome.message : 'attempt cancelled' };
    }
    this.retryOrDrop(task, attempt);
  }

  private retryOrDrop(task: TaskRecord, attempt: AttemptRecord): void {
    const policy = task.queue.retry;
    const sinceFirst = this.now() - (task.firstAttempt?.dispatchTimeMs ?? this.now());
    const failure = { task: task.name, attempt: task.dispatchCount, status: attempt.status };
    if (retriesExhausted(policy, task.dispatchCount, sinceFirst)) {
      this.log({ severity: 'WARNING', event: 'task_dropped', reason: 'max attempts reached', ...failure });
      this.store.removeTask(task);
      return;
    }
    const delayMs = retryDelayMs(policy, task.dispatchCount - 1);
    this.log({ severity: 'INFO', event: 'attempt_failed', retryInMs: delayMs, ...failure });
    task.scheduleTimeMs = this.now() + delayMs;
    this.schedule(task);
  }

  private clearTimer(task: TaskRecord): void {
    if (task.timer) clearTimeout(task.timer);
    task.timer = undefined;
  }

  private runtime(queue: QueueRecord): QueueRuntime {
    let rt = this.runtimes.get(queue);
    if (!rt) {
      const rate = queue.rateLimits.maxDispatchesPerSecond;
      rt = { ready: [], head: 0, inFlight: 0, limiter: new RateLimiter(rate, burstSizeFor(rate), this.now) };
      this.runtimes.set(queue, rt);
    }
    return rt;
  }
}
