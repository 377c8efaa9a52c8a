import type { HttpFunction } from '@google-cloud/functions-framework';
import { routeOf } from '../../catalogue/function-catalogue';
import { merchantKeyAuthenticator } from '../../platform/http/merchant-key.authenticator';
import { routeEndpoint, type RouteHandler } from '../../platform/http/route-endpoint';
import type { MerchantContext } from '../../shared/merchant-context';
import type { MerchantsModule } from '../merchants.module';

/**
 * A merchants-context route that takes merchant credentials (keys or a member's token, allowed by the
 * route's declared resource) and no Idempotency-Key: the team, key and app-user routes.
 */
export function merchantRoute(operation: string, deps: () => MerchantsModule, handler: RouteHandler<MerchantContext>): HttpFunction {
  const route = routeOf(operation);
  return routeEndpoint<MerchantContext>(route, () => ({ log: deps().log, projectId: deps().projectId, authenticators: { merchant_key: merchantKeyAuthenticator(route, deps().authenticate) } }), handler);
}
