import type { HttpFunction, Request } from '@google-cloud/functions-framework';
import { HttpRoute } from '../../catalogue/function-catalogue';
import { ApiError, errorBody } from '../../shared/api-error';
import { Clock } from '../../shared/clock';
import { Logger } from '../../shared/logger';
import { MerchantContext } from '../../shared/merchant-context';
import { Result } from '../../shared/result';
import { IdempotencyTransaction, TransactionRunner } from '../application/idempotency';
import { bodyOf, parseWith } from './api-request';
import { merchantKeyAuthenticator, type MerchantAuthenticator } from './merchant-key.authenticator';
import { Reply, httpShell, replyOf } from './http-shell';
import { runIdempotent } from './idempotent-mutation';
import { openRoute } from './route-endpoint';

export type { MerchantAuthenticator } from './merchant-key.authenticator';

/** What the merchant API shell needs; Tx is the transaction a mutation and its idempotency record share. */
export interface ApiDeps<Tx extends IdempotencyTransaction> {
  authenticate: MerchantAuthenticator;
  transactions: TransactionRunner<Tx>;
  clock: Clock;
  log: Logger;
  projectId: string;
}

type Ctx = { merchant: MerchantContext; params: Record<string, string>; req: Request };
export type QueryHandler = (ctx: Ctx & { query: unknown }) => Promise<Result<unknown, ApiError>>;
export type MutationHandler<Tx, P = undefined> = (ctx: Ctx & { body: unknown; tx: Tx; prepared: P }) => Promise<Result<unknown, ApiError>>;
/**
 * Runs after admit and before the transaction, whose body Firestore may run more than once: what
 * must happen once per request and is not a read or write of the transaction goes here (a KMS
 * call, a named Cloud Task whose handler checks that the commit happened, another store's own
 * transaction, a CPU-heavy read-only screening). A key that already has a record is replayed
 * without preparing; two concurrent first requests with one key may both prepare, so what it does
 * must be idempotent or harmless. The mutation receives its value as `prepared`.
 */
export type PrepareHandler<P> = (ctx: Ctx & { body: unknown }) => Promise<P>;
/** Runs after validation and before the transaction (so the transaction body stays free of side effects): e.g. a rate limit. */
export type AdmitHandler = (ctx: Ctx & { body: unknown }) => Promise<Result<void, ApiError>>;

/** The merchant API: keys, card-number guard, validation and idempotency; the business rule lives in the handler. */
export function apiFunction<Tx extends IdempotencyTransaction, P = undefined>(route: HttpRoute, deps: () => ApiDeps<Tx>, handler: Handlers<Tx, P>): HttpFunction {
  return httpShell(route, deps, (req) => handle(req, route, deps(), handler));
}

type Handlers<Tx, P> = { query?: QueryHandler; mutation?: MutationHandler<Tx, P>; admit?: AdmitHandler; prepare?: PrepareHandler<P> };

async function handle<Tx extends IdempotencyTransaction, P>(req: Request, route: HttpRoute, deps: ApiDeps<Tx>, handler: Handlers<Tx, P>): Promise<Reply> {
  const fail = (error: ApiError): Reply => ({ status: error.status, body: errorBody(error) });
  // The steps every route shares (route-endpoint.ts), with the merchant key as the authenticator
  // that routes declaring `auth: 'merchant_key'` pick; any other declaration fails closed.
  const opened = await openRoute(route, { merchant_key: merchantKeyAuthenticator(route, deps.authenticate) }, req);
  if (!opened.ok) return fail(opened.error);
  const { principal: merchant, params } = opened.value;

  if (handler.query) {
    const query = route.query ? parseWith(route.query, req.query) : ({ ok: true, value: {} } as const);
    if (!query.ok) return fail(query.error);
    return replyOf(route, await handler.query({ merchant, params, req, query: query.value }));
  }
  const body = route.request ? parseWith(route.request, bodyOf(req)) : ({ ok: true, value: {} } as const);
  if (!body.ok) return fail(body.error);
  if (handler.admit) {
    const admitted = await handler.admit({ merchant, params, req, body: body.value });
    if (!admitted.ok) return replyOf(route, admitted);
  }
  const mutation = handler.mutation!;
  return runIdempotent(deps, {
    merchant,
    key: req.get('idempotency-key'),
    method: req.method,
    path: req.path,
    body: body.value,
    prepare: handler.prepare && (() => handler.prepare!({ merchant, params, req, body: body.value })),
    execute: async (tx, prepared: P) => replyOf(route, await mutation({ merchant, params, req, body: body.value, tx, prepared })),
  });
}
