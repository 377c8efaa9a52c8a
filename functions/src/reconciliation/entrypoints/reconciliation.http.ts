import type { HttpFunction } from '@google-cloud/functions-framework';
import { z } from 'zod';
import { HttpRoute, routeOf } from '../../catalogue/function-catalogue';
import { authenticateStaff, type StaffContext } from '../../compliance/application/authenticate-staff.query';
import { ListReconciliationRunsQuery, RunReconciliationRequest } from '../../contracts/reconciliation-api.v1';
import { bearerAuthenticator } from '../../platform/http/authenticator';
import { routeEndpoint } from '../../platform/http/route-endpoint';
import { ApiError, invalidRequest, notFound } from '../../shared/api-error';
import { err, ok, Result } from '../../shared/result';
import { presentException, presentRun } from '../application/reconciliation-api.presenter';
import { runReconciliation } from '../application/run-reconciliation.command';
import type { ReconciliationModule } from '../reconciliation.module';

type Handler = (ctx: { staff: StaffContext; params: Record<string, string>; input: unknown; deps: ReconciliationModule }) => Promise<Result<unknown, ApiError>>;

/** Finance staff routes: `auth: 'staff_key'` (sk_staff_ keys, the compliance staff directory); nothing is a merchant's. */
function staffRoute(route: HttpRoute, deps: () => ReconciliationModule, handler: Handler): HttpFunction {
  const context = () => {
    const d = deps();
    return { log: d.log, projectId: d.projectId, authenticators: { staff_key: bearerAuthenticator('staff_key', (authorization) => authenticateStaff(d.staff, authorization)) } };
  };
  return routeEndpoint<StaffContext>(route, context, ({ principal, params, input }) => handler({ staff: principal, params, input, deps: deps() }));
}

const RUN_ID = /^recrun_(test|live)_\d{8}_[0-9A-Za-z]{1,40}$/;
const EXCEPTIONS_SHOWN = 100;

export const listReconciliationRunsHttp = (deps: () => ReconciliationModule) =>
  staffRoute(routeOf('listReconciliationRuns'), deps, async ({ input, deps }) => {
    const query = input as z.infer<typeof ListReconciliationRunsQuery>;
    const page = await deps.store.listRuns({ livemode: query.livemode, limit: query.limit, startingAfter: query.starting_after });
    return ok({ object: 'list', data: page.data.map(presentRun), has_more: page.hasMore });
  });

export const getReconciliationRunHttp = (deps: () => ReconciliationModule) =>
  staffRoute(routeOf('getReconciliationRun'), deps, async ({ params, deps }) => {
    if (!RUN_ID.test(params.id)) return err(notFound('reconciliation_run', params.id));
    const run = await deps.store.getRun(params.id);
    if (run === null) return err(notFound('reconciliation_run', params.id));
    const exceptions = await deps.store.listExceptions(run.id, { limit: EXCEPTIONS_SHOWN });
    return ok({ ...presentRun(run), exceptions: { object: 'list', data: exceptions.data.map(presentException), has_more: exceptions.hasMore } });
  });

/**
 * Runs a test-mode reconciliation of `date` (default: today so far) now and answers the run. Test
 * mode only, whoever asks: live money is reconciled by the daily schedule alone.
 */
export const runReconciliationTestHelperHttp = (deps: () => ReconciliationModule) =>
  staffRoute(routeOf('runReconciliationTestHelper'), deps, async ({ input, deps }) => {
    const body = input as z.infer<typeof RunReconciliationRequest>;
    const date = body.date ?? new Date(deps.clock.nowMs()).toISOString().slice(0, 10);
    const result = await runReconciliation(deps, { livemode: false, date, trigger: 'test_helper' });
    if (!result.ok) return err(invalidRequest(result.error.code, result.error.message, 'date'));
    return ok(presentRun(result.run));
  });
