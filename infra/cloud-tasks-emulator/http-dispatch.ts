import { Agent, request, type Dispatcher } from 'undici';
import type { TaskRecord } from './emulator-types';
import { shortId } from './resource-names';

export type AttemptOutcome =
  | { kind: 'response'; httpStatus: number }
  | { kind: 'network-error'; message: string }
  | { kind: 'deadline-exceeded' }
  /** The emulator is shutting down or the task was deleted mid-flight. */
  | { kind: 'cancelled' };

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * An unsigned (alg "none") JWT with the claims a Cloud Tasks OIDC token carries, so local handlers
 * can read the caller identity the same way they would after verification in production.
 */
export function fakeOidcToken(serviceAccountEmail: string | undefined, audience: string, nowMs = Date.now()): string {
  const iat = Math.floor(nowMs / 1000);
  const email = serviceAccountEmail || 'cloud-tasks-emulator@localhost';
  const claims = { iss: 'https://accounts.google.com', aud: audience, sub: email, email, email_verified: true, iat, exp: iat + 3600 };
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
}

/**
 * Headers for the attempt about to start: the task's own, then those Cloud Tasks adds (which win).
 * Call before counting the attempt, as the retry count is the number of earlier attempts.
 */
export function buildDispatchHeaders(task: TaskRecord): Record<string, string> {
  const headers: Record<string, string> = {};
  const hasHeader = (name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name);
  for (const [name, value] of Object.entries(task.http.headers)) headers[name] = value;
  if (task.http.body.length > 0 && !hasHeader('content-type')) headers['Content-Type'] = 'application/octet-stream';
  if (!hasHeader('user-agent')) headers['User-Agent'] = 'Google-Cloud-Tasks';
  headers['X-CloudTasks-QueueName'] = shortId(task.queue.name);
  headers['X-CloudTasks-TaskName'] = shortId(task.name);
  headers['X-CloudTasks-TaskRetryCount'] = String(task.dispatchCount);
  headers['X-CloudTasks-TaskExecutionCount'] = String(task.executionCount);
  headers['X-CloudTasks-TaskETA'] = (task.scheduleTimeMs / 1000).toFixed(3);
  if (task.lastHttpStatus !== undefined) headers['X-CloudTasks-TaskPreviousResponse'] = String(task.lastHttpStatus);
  if (task.http.oidcToken) {
    const audience = task.http.oidcToken.audience || task.http.url;
    headers.Authorization = `Bearer ${fakeOidcToken(task.http.oidcToken.serviceAccountEmail, audience)}`;
  } else if (task.http.oauthToken) {
    headers.Authorization = 'Bearer cloud-tasks-emulator-oauth-token';
  }
  return headers;
}

/**
 * One connection pool for all dispatches. undici's request() rather than fetch(): on loopback
 * fetch costs 2-4x the CPU per request, which matters at hundreds of dispatches per second on
 * two cores. Pooling also bounds sockets per target so a burst cannot overflow its listen backlog.
 */
export function createDispatchAgent(): Agent {
  return new Agent({ connections: 64, keepAliveTimeout: 4_000 });
}

/**
 * Sends one attempt. Never throws: every way an attempt can end is an outcome value.
 * `cancel` aborts the request (shutdown, task deleted); the dispatch deadline aborts it too.
 */
export async function sendAttempt(
  agent: Dispatcher,
  task: TaskRecord,
  headers: Record<string, string>,
  cancel: AbortController,
): Promise<AttemptOutcome> {
  let deadlineHit = false;
  const deadline = setTimeout(() => {
    deadlineHit = true;
    cancel.abort();
  }, task.dispatchDeadlineMs);
  try {
    const method = task.http.httpMethod as Dispatcher.HttpMethod;
    const canHaveBody = method !== 'GET' && method !== 'HEAD';
    // undici does not follow redirects unless asked, matching Cloud Tasks: a 3xx is a failed attempt.
    const response = await request(task.http.url, {
      dispatcher: agent,
      method,
      headers,
      body: canHaveBody && task.http.body.length > 0 ? task.http.body : undefined,
      signal: cancel.signal,
    });
    // Drain the body so the keep-alive connection can be reused; its content is irrelevant.
    await response.body.dump().catch(() => undefined);
    return { kind: 'response', httpStatus: response.statusCode };
  } catch (error) {
    if (deadlineHit) return { kind: 'deadline-exceeded' };
    if (cancel.signal.aborted) return { kind: 'cancelled' };
    return { kind: 'network-error', message: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(deadline);
  }
}

/** google.rpc.Code for an HTTP status, following the standard Google API mapping. */
export function rpcCodeForHttpStatus(httpStatus: number): number {
  if (httpStatus >= 200 && httpStatus < 300) return 0;
  const known: Record<number, number> = { 400: 3, 401: 16, 403: 7, 404: 5, 409: 10, 429: 8, 499: 1, 501: 12, 503: 14, 504: 4 };
  if (known[httpStatus] !== undefined) return known[httpStatus];
  if (httpStatus >= 400 && httpStatus < 500) return 9;
  if (httpStatus >= 500) return 13;
  return 2;
}
