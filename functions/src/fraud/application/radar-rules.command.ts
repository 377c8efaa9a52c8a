import type { CreateRadarRuleRequest, RadarRuleList, RadarRuleObject } from '../../contracts/radar-api.v1';
import { ApiError, invalidRequest, notFound } from '../../shared/api-error';
import type { Clock } from '../../shared/clock';
import { newId, sha256Hex } from '../../shared/ids';
import { err, ok, Result } from '../../shared/result';
import { ruleSetOwner, validateRule, type FraudRule } from '../domain/fraud-rules';

/** Who asks: the merchant and the mode of its key. */
export type RadarCaller = { merchantId: string; livemode: boolean };
import type { MerchantRuleBook } from './merchant-rule-book';
import { RuleSetConflictError, type RuleSetRepository } from './rule-set.repository';

export interface RadarDeps {
  ruleSets: RuleSetRepository;
  ruleBook: MerchantRuleBook;
  clock: Clock;
}

const MAX_RULES = 100;
const ATTEMPTS = 5;

export const presentRule = (rule: FraudRule): RadarRuleObject => ({
  id: rule.id,
  object: 'radar_rule',
  expression: rule.expression,
  action: rule.action,
  description: rule.description ?? null,
});

export async function listRadarRules(deps: RadarDeps, caller: RadarCaller): Promise<RadarRuleList> {
  const ruleSet = await deps.ruleSets.current(ruleSetOwner(caller));
  return { object: 'list', data: ruleSet.rules.map(presentRule), version: ruleSet.version, url: '/v1/radar/rules' };
}

/** Applies `change` to the latest version, retrying when another change landed in between. */
async function changeRules(deps: RadarDeps, merchantId: string, change: (rules: FraudRule[]) => Result<FraudRule[], ApiError>): Promise<Result<number, ApiError>> {
  for (let attempt = 1; ; attempt++) {
    const current = await deps.ruleSets.current(merchantId);
    const next = change(current.rules);
    if (!next.ok) return next;
    // Nothing to change (the rule is there already): no new version.
    if (next.value === current.rules) return ok(current.version);
    try {
      const saved = await deps.ruleSets.saveVersion(merchantId, current.version, next.value, deps.clock.nowMs());
      deps.ruleBook.forget(merchantId);
      return ok(saved.version);
    } catch (error) {
      if (!(error instanceof RuleSetConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/**
 * The id of a rule created with an Idempotency-Key derives from the key (and the merchant and mode),
 * so two attempts of one request add one rule, however they interleave; without a key it is random.
 */
export const radarRuleIdFor = (caller: RadarCaller, idempotencyKey: string | undefined): string =>
  idempotencyKey === undefined ? newId('rule') : `rule_${sha256Hex(`${ruleSetOwner(caller)}:${idempotencyKey}`).slice(0, 24)}`;

/** Validates the CEL expression (syntax, variables, types) before it can ever run on a payment. */
export async function createRadarRule(deps: RadarDeps, caller: RadarCaller, request: CreateRadarRuleRequest, ruleId: string = newId('rule')): Promise<Result<RadarRuleObject, ApiError>> {
  const validation = validateRule(request.expression);
  if (!validation.ok) {
    const { line, column, offset } = validation.position;
    return err(invalidRequest('invalid_rule', `${validation.message} (line ${line}, column ${column}, offset ${offset}; ${validation.code})`, 'expression'));
  }
  const rule: FraudRule = { id: ruleId, expression: request.expression, action: request.action, ...(request.description ? { description: request.description } : {}) };
  const saved = await changeRules(deps, ruleSetOwner(caller), (rules) =>
    rules.some((r) => r.id === rule.id)
      ? ok(rules)
      : rules.length >= MAX_RULES
        ? err(invalidRequest('too_many_rules', `A merchant can have at most ${MAX_RULES} rules.`))
        : ok([...rules, rule]),
  );
  return saved.ok ? ok(presentRule(rule)) : saved;
}

export async function deleteRadarRule(deps: RadarDeps, caller: RadarCaller, ruleId: string): Promise<Result<{ id: string; object: 'radar_rule'; deleted: true; version: number }, ApiError>> {
  const saved = await changeRules(deps, ruleSetOwner(caller), (rules) =>
    rules.some((rule) => rule.id === ruleId) ? ok(rules.filter((rule) => rule.id !== ruleId)) : err(notFound('radar rule', ruleId)),
  );
  return saved.ok ? ok({ id: ruleId, object: 'radar_rule', deleted: true, version: saved.value }) : saved;
}
