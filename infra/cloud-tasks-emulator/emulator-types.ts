import type { status } from '@grpc/grpc-js';
import type { RetryPolicy } from './retry-policy';

/** An expected failure, answered to the caller as a gRPC status. */
export interface EmulatorFailure {
  ok: false;
  code: status;
  message: string;
}
export type Result<T> = { ok: true; value: T } | EmulatorFailure;

export interface RateLimitSettings {
  maxDispatchesPerSecond: number;
  maxConcurrentDispatches: number;
}

export interface QueueRecord {
  name: string;
  state: 'RUNNING' | 'PAUSED';
  rateLimits: RateLimitSettings;
  retry: RetryPolicy;
  purgeTimeMs?: number;
  /** Live tasks by full name, in creation order. */
  tasks: Map<string, TaskRecord>;
}

export interface HttpTarget {
  url: string;
  httpMethod: string;
  headers: Record<string, string>;
  body: Buffer;
  oidcToken?: { serviceAccountEmail?: string; audience?: string };
  oauthToken?: { serviceAccountEmail?: string; scope?: string };
}

export interface AttemptRecord {
  scheduleTimeMs: number;
  dispatchTimeMs: number;
  responseTimeMs?: number;
  /** google.rpc.Status of the attempt. */
  status?: { code: number; message: string };
}

/**
 * waiting: timer armed for scheduleTime; ready: due, waiting for rate/concurrency/pause;
 * dispatching: HTTP request in flight; gone: completed, dropped or deleted (late callbacks ignore it).
 */
export type TaskPhase = 'waiting' | 'ready' | 'dispatching' | 'gone';

export interface TaskRecord {
  name: string;
  /** The caller chose the name, so it is deduplicated (generated names are unique anyway). */
  named: boolean;
  queue: QueueRecord;
  http: HttpTarget;
  scheduleTimeMs: number;
  createTimeMs: number;
  dispatchDeadlineMs: number;
  dispatchCount: number;
  responseCount: number;
  /** Responses other than 503, which is what X-CloudTasks-TaskExecutionCount counts. */
  executionCount: number;
  lastHttpStatus?: number;
  firstAttempt?: AttemptRecord;
  lastAttempt?: AttemptRecord;
  phase: TaskPhase;
  timer?: NodeJS.Timeout;
  abort?: AbortController;
}

export type LogLine = Record<string, unknown>;
export type EmulatorLog = (line: LogLine) => void;
