import type { HttpRoute } from '../../catalogue/function-spec';
import type { ApiError } from '../../shared/api-error';
import { accessOf, type RouteAccess } from '../../shared/merchant-access';
import type { MerchantContext } from '../../shared/merchant-context';
import type { Result } from '../../shared/result';
import { bearerAuthenticator, type Authenticator } from './authenticator';

/** The merchant a key or member belongs to, if the credential may do what the route needs (the merchants context answers), or a 401/403. */
export type MerchantAuthenticator = (authorization: string | undefined, access: RouteAccess) => Promise<Result<MerchantContext, ApiError>>;

/**
 * `auth: 'merchant_key'`: a merchant's key or team member, allowed by the resource the route declares.
 * A merchant route without a declared resource is a wiring mistake, never an open door: it throws.
 */
export function merchantKeyAuthenticator(route: HttpRoute, authenticate: MerchantAuthenticator): Authenticator<MerchantContext> {
  const access = accessOf(route);
  if (!access) throw new Error(`${route.method} ${route.path} takes merchant credentials but declares no resource`);
  return bearerAuthenticator('merchant_key', (authorization) => authenticate(authorization, access));
}
