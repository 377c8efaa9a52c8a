import type { HttpFunction, Request } from '@google-cloud/functions-framework';
import { routeOf } from '../../catalogue/function-catalogue';
import { bodyOf, guardRawRequest, parseWith } from '../../platform/http/api-request';
import { jsonEndpoint } from '../../platform/http/json-endpoint';
import { ApiError, apiError } from '../../shared/api-error';
import { err, ok, Result } from '../../shared/result';
import { CreateKycVerificationRequest, presentVerification } from '../application/identity-api.schemas';
import { enqueueKycCheck, kycIdFor, newVerification } from '../application/submit-verification.command';
import { identityDeps } from './identity.deps';

const route = routeOf('createKycVerification');
const unauthenticated = () => apiError(401, 'authentication_error', 'invalid_id_token', 'Send a valid Firebase ID token as `Authorization: Bearer <id token>`.');

// End users of the mobile apps, authenticated by their Firebase ID token rather than a merchant
// key. A retry with the same Idempotency-Key lands on the same verification.
export const createKycVerificationHttp: HttpFunction = jsonEndpoint(route, () => identityDeps().log, (req) => handle(req));

async function handle(req: Request): Promise<Result<unknown, ApiError>> {
  if (req.method !== route.method) return err(apiError(405, 'invalid_request_error', 'method_not_allowed', `Use ${route.method} for ${route.path}.`));
  const d = identityDeps();
  const token = /^Bearer\s+(\S+)$/i.exec(req.get('x-forwarded-authorization') ?? req.get('authorization') ?? '')?.[1];
  const user = token ? await d.tokens.verify(token) : null;
  if (!user) return err(unauthenticated());
  const guarded = guardRawRequest(req, true);
  if (!guarded.ok) return guarded;
  const input = parseWith(CreateKycVerificationRequest, bodyOf(req));
  if (!input.ok) return input;
  const id = kycIdFor(user.uid, req.get('idempotency-key'));
  const existing = id ? await d.verifications.get(id) : null;
  if (existing) return existing.ownerId === user.uid ? ok(presentVerification(existing)) : err(unauthenticated());
  const verification = await newVerification(d, { type: 'kyc', ownerId: user.uid, request: input.value, id });
  await d.verifications.create(verification);
  await enqueueKycCheck(d, verification.id);
  return ok(presentVerification(verification));
}
