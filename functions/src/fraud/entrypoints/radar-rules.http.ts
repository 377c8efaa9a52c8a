import { routeOf } from '../../catalogue/function-catalogue';
import { CreateRadarRuleRequest } from '../../contracts/radar-api.v1';
import { apiFunction } from '../../platform/http/api-handler';
import type { FraudEntrypointDeps } from '../fraud.module';
import { ok } from '../../shared/result';
import { createRadarRule, deleteRadarRule, listRadarRules, RadarDeps, radarRuleIdFor } from '../application/radar-rules.command';

const radarOf = (d: FraudEntrypointDeps): RadarDeps => ({ ruleSets: d.fraud.ruleSets, ruleBook: d.fraud.ruleBook, clock: d.clock });

export const listRadarRulesHttp = (deps: () => FraudEntrypointDeps) =>
  apiFunction(routeOf('listRadarRules'), deps, {
    query: async ({ merchant }) => ok(await listRadarRules(radarOf(deps()), merchant)),
  });

// Rule sets have their own (versioned) transaction: the change runs before the request's
// transaction, never inside its body, which Firestore may run more than once; the body only records
// the answer under the Idempotency-Key, and a replayed key is answered without changing anything.
export const createRadarRuleHttp = (deps: () => FraudEntrypointDeps) =>
  apiFunction(routeOf('createRadarRule'), deps, {
    prepare: ({ merchant, body, req }) => createRadarRule(radarOf(deps()), merchant, body as CreateRadarRuleRequest, radarRuleIdFor(merchant, req.get('idempotency-key'))),
    mutation: async ({ prepared }) => prepared,
  });

export const deleteRadarRuleHttp = (deps: () => FraudEntrypointDeps) =>
  apiFunction(routeOf('deleteRadarRule'), deps, {
    prepare: ({ merchant, params }) => deleteRadarRule(radarOf(deps()), merchant, params.id),
    mutation: async ({ prepared }) => prepared,
  });
