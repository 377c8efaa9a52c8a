import { status } from '@grpc/grpc-js';
import type { AttemptRecord, HttpTarget, QueueRecord, Result, TaskRecord } from './emulator-types';
import { burstSizeFor } from './rate-limiter';
import { msToProto, protoToMs, type ProtoSeconds } from './proto-time';
import type { NewTask } from './queue-store';
import { retryPolicyToProto } from './retry-policy';

/** Task as decoded from a CreateTaskRequest. */
export interface ProtoTask {
  name?: string;
  httpRequest?: {
    url?: string;
    httpMethod?: string;
    headers?: Record<string, string>;
    body?: Buffer;
    oidcToken?: { serviceAccountEmail?: string; audience?: string };
    oauthToken?: { serviceAccountEmail?: string; scope?: string };
  } | null;
  appEngineHttpRequest?: unknown;
  scheduleTime?: ProtoSeconds | null;
  dispatchDeadline?: ProtoSeconds | null;
}

export function newTaskFromProto(task: ProtoTask | null | undefined): Result<NewTask> {
  if (task?.appEngineHttpRequest) {
    return { ok: false, code: status.UNIMPLEMENTED, message: 'the emulator dispatches httpRequest tasks only' };
  }
  const request = task?.httpRequest;
  if (!request?.url || !/^https?:\/\//.test(request.url)) {
    return { ok: false, code: status.INVALID_ARGUMENT, message: 'task.httpRequest.url must be an http(s) URL' };
  }
  const method = request.httpMethod && request.httpMethod !== 'HTTP_METHOD_UNSPECIFIED' ? request.httpMethod : 'POST';
  const http: HttpTarget = {
    url: request.url,
    httpMethod: method,
    headers: { ...(request.headers ?? {}) },
    body: request.body ?? Buffer.alloc(0),
    oidcToken: request.oidcToken ?? undefined,
    oauthToken: request.oauthToken ?? undefined,
  };
  return {
    ok: true,
    value: {
      name: task?.name || undefined,
      http,
      scheduleTimeMs: protoToMs(task?.scheduleTime),
      dispatchDeadlineMs: protoToMs(task?.dispatchDeadline),
    },
  };
}

function attemptToProto(attempt: AttemptRecord | undefined): Record<string, unknown> | undefined {
  if (!attempt) return undefined;
  return {
    scheduleTime: msToProto(attempt.scheduleTimeMs),
    dispatchTime: msToProto(attempt.dispatchTimeMs),
    responseTime: attempt.responseTimeMs === undefined ? undefined : msToProto(attempt.responseTimeMs),
    responseStatus: attempt.status,
  };
}

/** The Task message; the BASIC view (the default) omits the body, as the real API does. */
export function taskToProto(task: TaskRecord, view: string | undefined): Record<string, unknown> {
  const full = view === 'FULL';
  const { http } = task;
  return {
    name: task.name,
    httpRequest: {
      url: http.url,
      httpMethod: http.httpMethod,
      headers: http.headers,
      body: full ? http.body : undefined,
      oidcToken: http.oidcToken,
      oauthToken: http.oauthToken,
    },
    scheduleTime: msToProto(task.scheduleTimeMs),
    createTime: msToProto(task.createTimeMs),
    dispatchDeadline: msToProto(task.dispatchDeadlineMs),
    dispatchCount: task.dispatchCount,
    responseCount: task.responseCount,
    firstAttempt: attemptToProto(task.firstAttempt),
    lastAttempt: attemptToProto(task.lastAttempt),
    view: full ? 'FULL' : 'BASIC',
  };
}

export function queueToProto(queue: QueueRecord): Record<string, unknown> {
  const { maxDispatchesPerSecond, maxConcurrentDispatches } = queue.rateLimits;
  return {
    name: queue.name,
    rateLimits: { maxDispatchesPerSecond, maxBurstSize: burstSizeFor(maxDispatchesPerSecond), maxConcurrentDispatches },
    retryConfig: retryPolicyToProto(queue.retry),
    state: queue.state,
    purgeTime: queue.purgeTimeMs === undefined ? undefined : msToProto(queue.purgeTimeMs),
  };
}

/** Offset-based pagination; the token is the index of the next item. */
export function paginate<T>(items: T[], pageSize: number | undefined, pageToken: string | undefined) {
  const start = pageToken ? Number.parseInt(pageToken, 10) || 0 : 0;
  const size = pageSize && pageSize > 0 ? Math.min(pageSize, 1000) : 1000;
  const page = items.slice(start, start + size);
  const nextPageToken = start + size < items.length ? String(start + size) : '';
  return { page, nextPageToken };
}
