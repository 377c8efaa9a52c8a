import type { HttpFunction } from '@google-cloud/functions-framework';
import { HttpRoute } from '../../catalogue/function-catalogue';
import { routeEndpoint } from '../../platform/http/route-endpoint';
import { ApiError } from '../../shared/api-error';
import { Result } from '../../shared/result';
import { StaffContext } from '../application/authenticate-staff.query';
import { staffKeyAuthenticator } from './staff-key.authenticator';
import type { ComplianceModule } from '../compliance.module';

export type StaffHandler = (ctx: { staff: StaffContext; params: Record<string, string>; input: unknown; deps: ComplianceModule }) => Promise<Result<unknown, ApiError>>;

/**
 * The compliance staff API on the one HTTP shell: its routes declare `auth: 'staff_key'` (sk_staff_
 * keys), nothing is scoped to a merchant, and there is no Idempotency-Key: case actions are guarded
 * by the case state instead.
 */
export function staffFunction(route: HttpRoute, deps: () => ComplianceModule, handler: StaffHandler): HttpFunction {
  const context = () => {
    const d = deps();
    return { log: d.log, projectId: d.projectId, authenticators: { staff_key: staffKeyAuthenticator(d.staff) } };
  };
  return routeEndpoint<StaffContext>(route, context, ({ principal, params, input }) => handler({ staff: principal, params, input, deps: deps() }));
}
