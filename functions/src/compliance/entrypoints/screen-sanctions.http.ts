import { routeOf } from '../../catalogue/function-catalogue';
import { deps } from '../../composition-root';
import { apiFunction } from '../../platform/http/api-handler';
import { invalidRequest, apiError } from '../../shared/api-error';
import { err, ok } from '../../shared/result';
import { firestore } from '../../platform/adapters/firestore-client';
import { FirestoreRateLimiter } from '../../platform/adapters/rate-limiter.firestore';
import type { RateLimiter } from '../../platform/application/rate-limiter';
import { sanctionsLists } from '../adapters/sanctions-lists.instance';
import { COMPLIANCE_COLLECTIONS } from '../application/compliance.store';
import { admitScreening, DEFAULT_SCREEN_LIMITS, screeningAuditEntry } from '../application/screen-sanctions.command';
import { ScreenNameQuery } from '../application/screen-name.query';
import { ScreenNameRequest } from '../../contracts/compliance-api.v1';
import { toScreenNameResponse } from '../application/compliance-api.presenter';

// The list is loaded and indexed once per instance, on first use.
const query = new ScreenNameQuery(sanctionsLists);
let limiter: RateLimiter | undefined;
const rateLimiter = (): RateLimiter => (limiter ??= new FirestoreRateLimiter(firestore()));

// Validated first (a refused request writes nothing), then the merchant's budget for its mode, then
// the screening; its audit entry commits in the request's transaction.
export const screenSanctionsHttp = apiFunction(routeOf('screenSanctions'), deps, {
  admit: async ({ merchant }) => admitScreening({ rateLimiter: rateLimiter(), limits: DEFAULT_SCREEN_LIMITS }, merchant, deps().clock.nowMs()),
  mutation: async ({ body, merchant, tx }) => {
    const result = await query.execute(body);
    if (result.ok || result.error.code === 'SANCTIONS_LIST_UNAVAILABLE') {
      const entry = screeningAuditEntry(merchant, body as ScreenNameRequest, result, deps().clock.nowMs());
      tx.appendRecord(COMPLIANCE_COLLECTIONS.auditLog, entry.id, entry);
    }
    if (result.ok) return ok(toScreenNameResponse(result.value));
    if (result.error.code === 'INVALID_SCREENING_REQUEST') {
      const issue = result.error.issues[0];
      return err(invalidRequest('parameter_invalid', issue?.message ?? 'invalid request', issue?.path || undefined));
    }
    return err(apiError(503, 'api_error', 'sanctions_list_unavailable', 'The sanctions list is not available; nothing can be cleared right now.'));
  },
});
