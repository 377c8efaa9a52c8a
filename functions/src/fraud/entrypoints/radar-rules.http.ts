import { routeOf } from '../../catalogue/function-catalogue';
import { deps } from '../../composition-root';
import { CreateRadarRuleRequest } from '../../contracts/radar-api.v1';
import { apiFunction } from '../../platform/http/api-handler';
import { ok } from '../../shared/result';
import { createRadarRule, deleteRadarRule, listRadarRules, RadarDeps } from '../application/radar-rules.command';

const radar = (): RadarDeps => ({ ruleSets: deps().fraud.ruleSets, ruleBook: deps().fraud.ruleBook, clock: deps().clock });

export const listRadarRulesHttp = apiFunction(routeOf('listRadarRules'), deps, {
  query: async ({ merchant }) => ok(await listRadarRules(radar(), merchant)),
});

// Rule sets live outside the payments transaction; the mutation shell still gives Idempotency-Key replay.
export const createRadarRuleHttp = apiFunction(routeOf('createRadarRule'), deps, {
  mutation: async ({ merchant, body }) => createRadarRule(radar(), merchant, body as CreateRadarRuleRequest),
});

export const deleteRadarRuleHttp = apiFunction(routeOf('deleteRadarRule'), deps, {
  mutation: async ({ merchant, params }) => deleteRadarRule(radar(), merchant, params.id),
});
