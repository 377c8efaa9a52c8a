import type { HttpFunction, Request } from '@google-cloud/functions-framework';
import { HttpRoute } from '../../catalogue/function-catalogue';
import { ApiError, apiError, errorBody } from '../../shared/api-error';
import { newId } from '../../shared/ids';
import { Logger } from '../../shared/logger';
import { Result } from '../../shared/result';

/**
 * The HTTP shell of endpoints outside the merchant API (staff, app users): a request id, one log
 * line per request, the error object for expected failures, and a 500 with the request id — never a
 * stack trace — for the unexpected. The merchant API adds keys and idempotency in api-handler.ts.
 */
export function jsonEndpoint(route: HttpRoute, log: () => Logger, run: (req: Request) => Promise<Result<unknown, ApiError>>): HttpFunction {
  return async (req, res) => {
    const requestId = newId('req');
    res.set('Request-Id', requestId);
    const requestLog = log().child({ request_id: requestId, route: `${route.method} ${route.path}` });
    let status = 500;
    let body: unknown;
    try {
      const reply = await run(req);
      status = reply.ok ? route.successStatus : reply.error.status;
      body = reply.ok ? reply.value : errorBody(reply.error);
    } catch (error) {
      requestLog.error('unexpected error', { error: error instanceof Error ? error.stack : String(error) });
      body = errorBody(apiError(500, 'api_error', 'internal_error', `Something went wrong on our side. Request id: ${requestId}.`));
    }
    res.status(status).json(body);
    requestLog.info('request handled', { status });
  };
}
