import type { HttpFunction, Request } from '@google-cloud/functions-framework';
import { HttpRoute } from '../../catalogue/function-catalogue';
import { authenticateMerchant } from '../../merchants/application/authenticate-merchant.query';
import { MerchantRepository } from '../../merchants/application/merchant.repository';
import { MerchantContext } from '../../payments/application/create-payment.command';
import { PaymentRepository, PaymentsTransaction } from '../../payments/application/payment.repository';
import { ApiError, apiError, errorBody } from '../../shared/api-error';
import { Clock } from '../../shared/clock';
import { Logger } from '../../shared/logger';
import { Result } from '../../shared/result';
import { bodyOf, guardRawRequest, parseWith } from './api-request';
import { Reply, httpShell, replyOf } from './http-shell';
import { pathParams } from './path-params';
import { runIdempotent } from './idempotent-mutation';

export interface ApiDeps {
  merchants: MerchantRepository;
  payments: PaymentRepository;
  clock: Clock;
  log: Logger;
  projectId: string;
}

type Ctx = { merchant: MerchantContext; params: Record<string, string>; req: Request };
export type QueryHandler = (ctx: Ctx & { query: unknown }) => Promise<Result<unknown, ApiError>>;
export type MutationHandler = (ctx: Ctx & { body: unknown; tx: PaymentsTransaction }) => Promise<Result<unknown, ApiError>>;
/** Runs after validation and before the transaction (so the transaction body stays free of side effects): e.g. a rate limit. */
export type AdmitHandler = (ctx: Ctx & { body: unknown }) => Promise<Result<void, ApiError>>;

/** The merchant API: keys, card-number guard, validation and idempotency; the business rule lives in the handler. */
export function apiFunction(route: HttpRoute, deps: () => ApiDeps, handler: { query?: QueryHandler; mutation?: MutationHandler; admit?: AdmitHandler }): HttpFunction {
  return httpShell(route, deps, (req) => handle(req, route, deps(), handler));
}

async function handle(req: Request, route: HttpRoute, deps: ApiDeps, handler: { query?: QueryHandler; mutation?: MutationHandler; admit?: AdmitHandler }): Promise<Reply> {
  const fail = (error: ApiError): Reply => ({ status: error.status, body: errorBody(error) });
  if (req.method !== route.method) return fail(apiError(405, 'invalid_request_error', 'method_not_allowed', `Use ${route.method} for ${route.path}.`));
  const matched = pathParams(route, req.path, req.method);
  if (!matched.ok) return fail(matched.error);
  const params = matched.value;

  // Behind API Gateway the merchant's header arrives as X-Forwarded-Authorization (the gateway
  // authenticates itself to the function with its own token in Authorization).
  const merchant = await authenticateMerchant(deps.merchants, req.get('x-forwarded-authorization') ?? req.get('authorization'));
  if (!merchant.ok) return fail(merchant.error);

  const guarded = guardRawRequest(req, route.method === 'POST');
  if (!guarded.ok) return fail(guarded.error);

  if (handler.query) {
    const query = route.query ? parseWith(route.query, req.query) : ({ ok: true, value: {} } as const);
    if (!query.ok) return fail(query.error);
    return replyOf(route, await handler.query({ merchant: merchant.value, params, req, query: query.value }));
  }
  const body = route.request ? parseWith(route.request, bodyOf(req)) : ({ ok: true, value: {} } as const);
  if (!body.ok) return fail(body.error);
  if (handler.admit) {
    const admitted = await handler.admit({ merchant: merchant.value, params, req, body: body.value });
    if (!admitted.ok) return replyOf(route, admitted);
  }
  const mutation = handler.mutation!;
  return runIdempotent(deps, {
    merchant: merchant.value,
    key: req.get('idempotency-key'),
    method: req.method,
    path: req.path,
    body: body.value,
    execute: async (tx) => replyOf(route, await mutation({ merchant: merchant.value, params, req, body: body.value, tx })),
  });
}
