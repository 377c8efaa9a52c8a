import { routeOf } from '../../catalogue/function-catalogue';
import { deps } from '../../composition-root';
import { apiFunction } from '../../platform/http/api-handler';
import { invalidRequest, apiError } from '../../shared/api-error';
import { err, ok } from '../../shared/result';
import { sanctionsLists } from '../adapters/sanctions-lists.instance';
import { ScreenNameQuery } from '../application/screen-name.query';
import { toScreenNameResponse } from '../application/screen-name.schemas';

// The list is loaded and indexed once per instance, on first use.
const query = new ScreenNameQuery(sanctionsLists);

export const screenSanctionsHttp = apiFunction(routeOf('screenSanctions'), deps, {
  mutation: async ({ body }) => {
    const result = await query.execute(body);
    if (result.ok) return ok(toScreenNameResponse(result.value));
    if (result.error.code === 'INVALID_SCREENING_REQUEST') {
      const issue = result.error.issues[0];
      return err(invalidRequest('parameter_invalid', issue?.message ?? 'invalid request', issue?.path || undefined));
    }
    return err(apiError(503, 'api_error', 'sanctions_list_unavailable', 'The sanctions list is not available; nothing can be cleared right now.'));
  },
});
