import { routeOf } from '../../catalogue/function-catalogue';
import { apiFunction } from '../../platform/http/api-handler';
import { invalidRequest, apiError } from '../../shared/api-error';
import { err, ok } from '../../shared/result';
import type { PaymentsModule } from '../../payments/payments.module';
import type { ComplianceModule } from '../compliance.module';
import { AUDIT_ENTRY } from '../application/compliance.records';
import { contextRecord } from '../../shared/context-record';
import { admitScreening, DEFAULT_SCREEN_LIMITS, screeningAuditEntry } from '../application/screen-sanctions.command';
import { ScreenNameQuery } from '../application/screen-name.query';
import { ScreenNameRequest } from '../../contracts/compliance-api.v1';
import { toScreenNameResponse } from '../application/compliance-api.presenter';

// Validated first (a refused request writes nothing), then the merchant's budget for its mode, then
// the screening: read-only and CPU-bound, it runs once, before the transaction (whose body Firestore
// may run again); the body only stages its audit entry, committed with the request's idempotency record.
// The request's transaction and idempotency record are payments' (the merchant API shell); the
// list is the compliance module's, loaded and indexed once per instance, on first use.
export const screenSanctionsHttp = (deps: () => PaymentsModule & { compliance: ComplianceModule }) => {
  let query: ScreenNameQuery | undefined;
  return apiFunction(routeOf('screenSanctions'), deps, {
    admit: async ({ merchant }) => admitScreening({ rateLimiter: deps().compliance.rateLimiter, limits: DEFAULT_SCREEN_LIMITS }, merchant, deps().clock.nowMs()),
    prepare: ({ body }) => (query ??= new ScreenNameQuery(deps().compliance.sanctionsLists())).execute(body),
    mutation: async ({ body, merchant, tx, prepared: result }) => {
      if (result.ok || result.error.code === 'SANCTIONS_LIST_UNAVAILABLE') {
        const entry = screeningAuditEntry(merchant, body as ScreenNameRequest, result, deps().clock.nowMs());
        tx.create(contextRecord(AUDIT_ENTRY, entry.id, entry));
      }
      if (result.ok) return ok(toScreenNameResponse(result.value));
      if (result.error.code === 'INVALID_SCREENING_REQUEST') {
        const issue = result.error.issues[0];
        return err(invalidRequest('parameter_invalid', issue?.message ?? 'invalid request', issue?.path || undefined));
      }
      return err(apiError(503, 'api_error', 'sanctions_list_unavailable', 'The sanctions list is not available; nothing can be cleared right now.'));
    },
  });
};
