import type { HttpFunction, Request } from '@google-cloud/functions-framework';
import { HttpRoute } from '../../catalogue/function-catalogue';
import { ApiError } from '../../shared/api-error';
import { Logger } from '../../shared/logger';
import { Result } from '../../shared/result';
import { httpShell, replyOf } from './http-shell';

/**
 * Endpoints outside the merchant API (staff, app users): the shared shell, with the endpoint's result
 * as the success body or the error object. The merchant API adds keys and idempotency in api-handler.ts.
 */
export function jsonEndpoint(route: HttpRoute, context: () => { log: Logger; projectId: string }, run: (req: Request) => Promise<Result<unknown, ApiError>>): HttpFunction {
  return httpShell(route, context, async (req) => replyOf(route, await run(req)));
}
