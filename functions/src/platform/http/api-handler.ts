import type { HttpFunction, Request, Response } from '@google-cloud/functions-framework';
import { HttpRoute, matchPath } from '../../catalogue/function-catalogue';
import { authenticateMerchant } from '../../merchants/application/authenticate-merchant.query';
import { MerchantRepository } from '../../merchants/application/merchant.repository';
import { MerchantContext } from '../../payments/application/create-payment.command';
import { PaymentRepository, PaymentsTransaction } from '../../payments/application/payment.repository';
import { ApiError, apiError, errorBody } from '../../shared/api-error';
import { Clock } from '../../shared/clock';
import { newId } from '../../shared/ids';
import { Logger, traceField } from '../../shared/logger';
import { Result } from '../../shared/result';
import { bodyOf, guardRawRequest, parseWith } from './api-request';
import { runIdempotent } from './idempotent-mutation';

export interface ApiDeps {
  merchants: MerchantRepository;
  payments: PaymentRepository;
  clock: Clock;
  log: Logger;
  projectId: string;
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly replayed?: boolean;
}

type Ctx = { merchant: MerchantContext; params: Record<string, string>; req: Request };
export type QueryHandler = (ctx: Ctx & { query: unknown }) => Promise<Result<unknown, ApiError>>;
export type MutationHandler = (ctx: Ctx & { body: unknown; tx: PaymentsTransaction }) => Promise<Result<unknown, ApiError>>;

const toReply = (route: HttpRoute, result: Result<unknown, ApiError>): Reply =>
  result.ok ? { status: route.successStatus, body: result.value } : { status: result.error.status, body: errorBody(result.error) };

/** The HTTP shell shared by every merchant API function; the business rule lives in the handler. */
export function apiFunction(route: HttpRoute, deps: () => ApiDeps, handler: { query?: QueryHandler; mutation?: MutationHandler }): HttpFunction {
  return async (req: Request, res: Response) => {
    const startedMs = Date.now();
    const requestId = newId('req');
    const { log: baseLog, projectId } = deps();
    const log = baseLog.child({ request_id: requestId, route: `${route.method} ${route.path}`, ...traceField(req.get('x-cloud-trace-context'), projectId) });
    res.set('Request-Id', requestId);
    const send = (reply: Reply) => {
      if (reply.replayed) res.set('Idempotent-Replayed', 'true');
      res.status(reply.status).json(reply.body);
      log.info('request handled', { status: reply.status, replayed: reply.replayed ?? false, duration_ms: Date.now() - startedMs });
    };
    try {
      send(await handle(req, route, deps(), handler));
    } catch (error) {
      log.error('unexpected error', { error: error instanceof Error ? error.stack : String(error) });
      const contention = (error as { code?: number }).code === 10;
      const failure = contention
        ? apiError(409, 'api_error', 'lock_timeout', 'Another request is working on this object right now; retry shortly.')
        : apiError(500, 'api_error', 'internal_error', `Something went wrong on our side. Request id: ${requestId}.`);
      send({ status: failure.status, body: errorBody(failure) });
    }
  };
}

async function handle(req: Request, route: HttpRoute, deps: ApiDeps, handler: { query?: QueryHandler; mutation?: MutationHandler }): Promise<Reply> {
  const fail = (error: ApiError): Reply => ({ status: error.status, body: errorBody(error) });
  if (req.method !== route.method) return fail(apiError(405, 'invalid_request_error', 'method_not_allowed', `Use ${route.method} for ${route.path}.`));
  const params = matchPath(route.path, req.path);
  if (!params) return fail(apiError(404, 'invalid_request_error', 'resource_missing', `Unrecognized request URL (${req.method}: ${req.path}).`));

  // Behind API Gateway the merchant's header arrives as X-Forwarded-Authorization (the gateway
  // authenticates itself to the function with its own token in Authorization).
  const merchant = await authenticateMerchant(deps.merchants, req.get('x-forwarded-authorization') ?? req.get('authorization'));
  if (!merchant.ok) return fail(merchant.error);

  const guarded = guardRawRequest(req, route.method === 'POST');
  if (!guarded.ok) return fail(guarded.error);

  if (handler.query) {
    const query = route.query ? parseWith(route.query, req.query) : ({ ok: true, value: {} } as const);
    if (!query.ok) return fail(query.error);
    return toReply(route, await handler.query({ merchant: merchant.value, params, req, query: query.value }));
  }
  const body = route.request ? parseWith(route.request, bodyOf(req)) : ({ ok: true, value: {} } as const);
  if (!body.ok) return fail(body.error);
  const mutation = handler.mutation!;
  return runIdempotent(deps, {
    merchant: merchant.value,
    key: req.get('idempotency-key'),
    method: req.method,
    path: req.path,
    body: body.value,
    execute: async (tx) => toReply(route, await mutation({ merchant: merchant.value, params, req, body: body.value, tx })),
  });
}
