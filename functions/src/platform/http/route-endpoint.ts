import type { HttpFunction, Request } from '@google-cloud/functions-framework';
import { HttpRoute } from '../../catalogue/function-catalogue';
import { ApiError, apiError } from '../../shared/api-error';
import { Logger } from '../../shared/logger';
import { err, ok, Result } from '../../shared/result';
import { bodyOf, guardRawRequest, parseWith } from './api-request';
import { authenticatorFor, Authenticators } from './authenticator';
import { httpShell, replyOf } from './http-shell';
import { pathParams } from './path-params';

/** What every route checks first, in this order, before it reads a field: method, path ids, the caller, the raw request. */
export async function openRoute<P>(route: HttpRoute, authenticators: Authenticators<P>, req: Request): Promise<Result<{ principal: P; params: Record<string, string> }, ApiError>> {
  if (req.method !== route.method) return err(apiError(405, 'invalid_request_error', 'method_not_allowed', `Use ${route.method} for ${route.path}.`));
  const params = pathParams(route, req.path, req.method);
  if (!params.ok) return params;
  const principal = await authenticatorFor(route, authenticators).authenticate(req);
  if (!principal.ok) return principal;
  const guarded = guardRawRequest(req, route.method === 'POST');
  if (!guarded.ok) return guarded;
  return ok({ principal: principal.value, params: params.value });
}

/** The route's input: its query for a GET, its JSON body otherwise, parsed with the route's schema ({} without one). */
export function routeInput(route: HttpRoute, req: Request): Result<unknown, ApiError> {
  const schema = route.method === 'GET' ? route.query : route.request;
  return schema ? parseWith(schema, route.method === 'GET' ? req.query : bodyOf(req)) : ok({});
}

export type RouteHandler<P> = (ctx: { principal: P; params: Record<string, string>; input: unknown; req: Request }) => Promise<Result<unknown, ApiError>>;

export interface RouteEndpointContext<P> {
  log: Logger;
  projectId: string;
  /** The authenticators this endpoint can run; the route's declaration picks one. */
  authenticators: Authenticators<P>;
}

/**
 * The HTTP shell with the route's authenticator: the shared shell (request id, log line, 500/409),
 * then method, path ids, the authenticator the route declares, the raw-request guard and the input
 * schema; the handler's result is the success body or the error object. The merchant API runs the
 * same first steps (openRoute) and adds Idempotency-Key bookkeeping (api-handler.ts).
 */
export function routeEndpoint<P>(route: HttpRoute, context: () => RouteEndpointContext<P>, handler: RouteHandler<P>): HttpFunction {
  return httpShell(route, context, async (req) => {
    const opened = await openRoute(route, context().authenticators, req);
    if (!opened.ok) return replyOf(route, opened);
    const input = routeInput(route, req);
    if (!input.ok) return replyOf(route, input);
    return replyOf(route, await handler({ ...opened.value, input: input.value, req }));
  });
}
