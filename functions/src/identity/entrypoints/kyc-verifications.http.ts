import type { HttpFunction, Request } from '@google-cloud/functions-framework';
import { routeOf } from '../../catalogue/function-catalogue';
import { bodyOf, guardRawRequest, parseWith } from '../../platform/http/api-request';
import { jsonEndpoint } from '../../platform/http/json-endpoint';
import { ApiError, apiError } from '../../shared/api-error';
import { err, Result } from '../../shared/result';
import { CreateKycVerificationRequest } from '../../contracts/identity-api.v1';
import { submitKycVerification, unauthenticatedUser } from '../application/submit-kyc-verification.command';
import type { IdentityModule } from '../identity.module';

const route = routeOf('createKycVerification');

// End users of the mobile apps, authenticated by their Firebase ID token rather than a merchant
// key. A retry with the same Idempotency-Key lands on the same verification.
export const createKycVerificationHttp = (deps: () => IdentityModule): HttpFunction => jsonEndpoint(route, deps, (req) => handle(req, deps()));

async function handle(req: Request, d: IdentityModule): Promise<Result<unknown, ApiError>> {
  if (req.method !== route.method) return err(apiError(405, 'invalid_request_error', 'method_not_allowed', `Use ${route.method} for ${route.path}.`));
  const token = /^Bearer\s+(\S+)$/i.exec(req.get('x-forwarded-authorization') ?? req.get('authorization') ?? '')?.[1];
  const user = token ? await d.tokens.verify(token) : null;
  if (!user) return err(unauthenticatedUser());
  const guarded = guardRawRequest(req, true);
  if (!guarded.ok) return guarded;
  const input = parseWith(CreateKycVerificationRequest, bodyOf(req));
  if (!input.ok) return input;
  return submitKycVerification(d, { user, idempotencyKey: req.get('idempotency-key'), request: input.value });
}
