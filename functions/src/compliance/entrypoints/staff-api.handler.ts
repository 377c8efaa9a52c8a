import type { HttpFunction, Request } from '@google-cloud/functions-framework';
import { HttpRoute } from '../../catalogue/function-catalogue';
import { bodyOf, guardRawRequest, parseWith } from '../../platform/http/api-request';
import { jsonEndpoint } from '../../platform/http/json-endpoint';
import { pathParams } from '../../platform/http/path-params';
import { ApiError, apiError } from '../../shared/api-error';
import { Result } from '../../shared/result';
import { authenticateStaff, StaffContext } from '../application/authenticate-staff.query';
import type { ComplianceModule } from '../compliance.module';

export type StaffHandler = (ctx: { staff: StaffContext; params: Record<string, string>; input: unknown; deps: ComplianceModule }) => Promise<Result<unknown, ApiError>>;

/**
 * The HTTP shell of the compliance staff API. It differs from the merchant shell on purpose:
 * callers are staff (sk_staff_ keys), nothing is scoped to a merchant, and there is no
 * Idempotency-Key: case actions are guarded by the case state instead.
 */
export function staffFunction(route: HttpRoute, deps: () => ComplianceModule, handler: StaffHandler): HttpFunction {
  return jsonEndpoint(route, deps, (req) => handle(req, route, deps(), handler));
}

async function handle(req: Request, route: HttpRoute, d: ComplianceModule, handler: StaffHandler): Promise<Result<unknown, ApiError>> {
  const fail = (error: ApiError) => ({ ok: false, error }) as const;
  if (req.method !== route.method) return fail(apiError(405, 'invalid_request_error', 'method_not_allowed', `Use ${route.method} for ${route.path}.`));
  const matched = pathParams(route, req.path, req.method);
  if (!matched.ok) return matched;
  const params = matched.value;
  const staff = await authenticateStaff(d.staff, req.get('x-forwarded-authorization') ?? req.get('authorization'));
  if (!staff.ok) return staff;
  const guarded = guardRawRequest(req, route.method === 'POST');
  if (!guarded.ok) return guarded;
  const schema = route.method === 'GET' ? route.query : route.request;
  const input = schema ? parseWith(schema, route.method === 'GET' ? req.query : bodyOf(req)) : ({ ok: true, value: {} } as const);
  if (!input.ok) return input;
  return handler({ staff: staff.value, params, input: input.value, deps: d });
}
