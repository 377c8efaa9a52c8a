import type { Request } from '@google-cloud/functions-framework';
import type { HttpRoute } from '../../catalogue/function-catalogue';
import type { RouteAuth } from '../../catalogue/route-auth';
import { ApiError } from '../../shared/api-error';
import { ok, Result } from '../../shared/result';

/**
 * One way of proving who the caller is, for the routes that declare `scheme` in the catalogue. The
 * shell picks the authenticator by the route's declaration; the context that owns the principal
 * (merchants, compliance staff, identity) provides it. A refusal is the error the caller sees.
 */
export interface Authenticator<P> {
  readonly scheme: RouteAuth;
  authenticate(req: Request): Promise<Result<P, ApiError>>;
}

/** The authenticators an endpoint can run, by the scheme a route declares. */
export type Authenticators<P> = { readonly [K in RouteAuth]?: Authenticator<P> };

/**
 * The caller's Authorization header. Behind API Gateway it arrives as X-Forwarded-Authorization (the
 * gateway authenticates itself to the function with its own token in Authorization).
 */
export const callerAuthorization = (req: Request): string | undefined => req.get('x-forwarded-authorization') ?? req.get('authorization');

/** An authenticator that reads the caller's Authorization header (keys and tokens sent as `Bearer …`). */
export function bearerAuthenticator<P>(scheme: RouteAuth, check: (authorization: string | undefined) => Promise<Result<P, ApiError>>): Authenticator<P> {
  return { scheme, authenticate: (req) => check(callerAuthorization(req)) };
}

/** Public routes (`auth: 'none'`). */
export const noAuthentication: Authenticator<undefined> = { scheme: 'none', authenticate: async () => ok(undefined) };

/**
 * The authenticator a route declares. A route served by an endpoint that cannot run its declared
 * scheme is a wiring mistake, never an open door: it throws (the shell answers 500 and logs it).
 */
export function authenticatorFor<P>(route: HttpRoute, authenticators: Authenticators<P>): Authenticator<P> {
  const authenticator = authenticators[route.auth];
  if (authenticator?.scheme === route.auth) return authenticator;
  const offered = Object.keys(authenticators).join(', ') || 'none';
  throw new Error(`${route.method} ${route.path} declares auth '${route.auth}' but its endpoint authenticates only ${offered}`);
}
