import type { HttpFunction, Request } from '@google-cloud/functions-framework';
import { HttpRoute } from '../../catalogue/function-catalogue';
import { ApiError, apiError, errorBody } from '../../shared/api-error';
import { newId } from '../../shared/ids';
import { Logger, traceField } from '../../shared/logger';
import { Result } from '../../shared/result';

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  /** Set when an idempotent retry answers with the first response. */
  readonly replayed?: boolean;
  /** Extra response headers (Retry-After on a 429). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The route's success status with the value, or the error's status with the error object. */
export const replyOf = (route: HttpRoute, result: Result<unknown, ApiError>): Reply => {
  if (result.ok) return { status: route.successStatus, body: result.value };
  const { retryAfterSeconds } = result.error;
  const reply = { status: result.error.status, body: errorBody(result.error) };
  return retryAfterSeconds === undefined ? reply : { ...reply, headers: { 'Retry-After': String(retryAfterSeconds) } };
};

/** Firestore's ABORTED: the emulator's lock timeout, or a transaction that lost every retry to contention. */
const ABORTED = 10;

/**
 * The one HTTP shell of every endpoint (merchant API, staff, app users): a request id, the trace, one
 * log line per request, and for the unexpected a 409 when the cause is contention (worth a retry) or a
 * 500 with the request id — never a stack trace. What a request means is the endpoint's business.
 */
export function httpShell(route: HttpRoute, context: () => { log: Logger; projectId: string }, run: (req: Request) => Promise<Reply>): HttpFunction {
  return async (req, res) => {
    const startedMs = Date.now();
    const requestId = newId('req');
    const { log: baseLog, projectId } = context();
    const log = baseLog.child({ request_id: requestId, route: `${route.method} ${route.path}`, ...traceField(req.get('x-cloud-trace-context'), projectId) });
    res.set('Request-Id', requestId);
    let reply: Reply;
    try {
      reply = await run(req);
    } catch (error) {
      const contended = (error as { code?: unknown }).code === ABORTED;
      // Contention is expected under load and answered with a retryable 409; only the rest is an error to page on.
      if (contended) log.warn('contention: transaction aborted', { error: String(error) });
      else log.error('unexpected error', { error: error instanceof Error ? error.stack : String(error) });
      const failure = contended
        ? apiError(409, 'api_error', 'lock_timeout', 'Another request is working on this object right now; retry shortly.')
        : apiError(500, 'api_error', 'internal_error', `Something went wrong on our side. Request id: ${requestId}.`);
      reply = { status: failure.status, body: errorBody(failure) };
    }
    if (reply.replayed) res.set('Idempotent-Replayed', 'true');
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.set(name, value);
    res.status(reply.status).json(reply.body);
    log.info('request handled', { status: reply.status, replayed: reply.replayed ?? false, duration_ms: Date.now() - startedMs });
  };
}
