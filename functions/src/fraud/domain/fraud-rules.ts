import { estimateRuleCost } from '../../shared/cel-rule-cost';
import { RULE_ENVIRONMENT, type RuleContext } from './rule-variables';

/**
 * Merchant and platform rules in CEL (@marcbachmann/cel-js: declared variables, type checking with source
 * positions, parse once and evaluate many).
 *
 * Precedence: platform default rules are evaluated first, then the merchant's, each in list order. The
 * strongest action among the matching rules wins (block > review > allow); among rules with that action
 * the first to match decides, and its rule set's version is recorded. So a merchant `allow` rule can
 * never lift a platform block or review, and evaluation stops at the first block. No match means allow.
 */

export type RuleAction = 'allow' | 'review' | 'block';
export type RuleSource = 'platform' | 'merchant';

export interface FraudRule {
  id: string;
  expression: string;
  action: RuleAction;
  description?: string;
}

export interface RuleSet {
  /** The owner: a merchant in one mode (`ruleSetOwner`), or `platform`. */
  merchantId: string;
  version: number;
  rules: FraudRule[];
}

/**
 * Rules belong to a merchant in one mode: a rule written with a test key never decides a live payment,
 * and each mode has its own version history (`radar_rule_set_versions/<merchant>:<mode>@<n>`).
 */
export const ruleSetOwner = (merchant: { merchantId: string; livemode: boolean }): string => `${merchant.merchantId}:${merchant.livemode ? 'live' : 'test'}`;

export type RuleErrorCode = 'rule_syntax_error' | 'rule_unknown_variable' | 'rule_type_error' | 'rule_not_boolean' | 'rule_too_long' | 'rule_too_expensive';

/** offset is 0-based into the expression; line and column are 1-based for people. */
export interface RulePosition {
  offset: number;
  line: number;
  column: number;
}

export interface RuleValidationError {
  ok: false;
  code: RuleErrorCode;
  message: string;
  position: RulePosition;
}

export type RuleValidation = { ok: true } | RuleValidationError;

export const MAX_RULE_LENGTH = 2_000;

const ACTION_RANK: Record<RuleAction, number> = { allow: 0, review: 1, block: 2 };

export function positionOf(expression: string, offset: number): RulePosition {
  const before = expression.slice(0, offset);
  const line = before.split('\n').length;
  return { offset, line, column: offset - before.lastIndexOf('\n') };
}

interface CelErrorShape {
  name?: string;
  code?: string;
  message?: string;
  node?: { pos?: number };
  range?: { start?: number };
}

function errorCode(error: CelErrorShape): RuleErrorCode {
  if (error.name === 'ParseError') return 'rule_syntax_error';
  if (error.code === 'unknown_variable') return 'rule_unknown_variable';
  return 'rule_type_error';
}

/** Checks syntax, variables and types without evaluating; run when a merchant saves a rule. */
export function validateRule(expression: string): RuleValidation {
  if (expression.length > MAX_RULE_LENGTH) {
    return { ok: false, code: 'rule_too_long', message: `rule is longer than ${MAX_RULE_LENGTH} characters`, position: positionOf(expression, MAX_RULE_LENGTH) };
  }
  const checked = RULE_ENVIRONMENT.check(expression);
  if (!checked.valid) {
    const error = (checked.error ?? {}) as CelErrorShape;
    const offset = error.node?.pos ?? error.range?.start ?? 0;
    // cel-js appends a source excerpt after the first line; the position fields carry that information.
    const message = (error.message ?? 'invalid rule').split('\n')[0];
    return { ok: false, code: errorCode(error), message, position: positionOf(expression, Math.min(offset, expression.length)) };
  }
  if (checked.type !== 'bool') {
    return { ok: false, code: 'rule_not_boolean', message: `rule must be a condition (bool), it yields ${checked.type}`, position: positionOf(expression, 0) };
  }
  const cost = estimateRuleCost(RULE_ENVIRONMENT.parse(expression).ast);
  if (!cost.ok) return { ok: false, code: 'rule_too_expensive', message: cost.message, position: positionOf(expression, Math.min(cost.offset, expression.length)) };
  return { ok: true };
}

export interface CompiledRule {
  rule: FraudRule;
  source: RuleSource;
  /** e.g. "platform@3" or "merchant:m_123@7". */
  ruleVersion: string;
  evaluate: (context: RuleContext) => unknown;
  /** Set once a run overshot RULE_TIME_BUDGET_MS: the rule is skipped (as errored) until it is compiled again. */
  budget: { exceeded: boolean };
}

/**
 * The run-time backstop behind the static cost limit: a merchant rule that takes longer than this on
 * one payment counts as errored (its answer is not used) and is switched off in this instance until its
 * rules are compiled again (recorded as a rule error on every assessment meanwhile), so it can hold at
 * most one payment, never the next merchant's.
 */
export const RULE_TIME_BUDGET_MS = 5;

export interface CompiledRules {
  /** Platform rules followed by merchant rules: the evaluation order. */
  ordered: CompiledRule[];
  /** Version recorded when no rule matched: the most specific rule set in force. */
  fallbackVersion: string;
}

export type CompileResult = { ok: true; rules: CompiledRules } | (RuleValidationError & { ruleId: string; source: RuleSource });

export function ruleSetVersionLabel(ruleSet: RuleSet, source: RuleSource): string {
  return source === 'platform' ? `platform@${ruleSet.version}` : `merchant:${ruleSet.merchantId}@${ruleSet.version}`;
}

export function compileRules(platform: RuleSet, merchant?: RuleSet): CompileResult {
  const ordered: CompiledRule[] = [];
  const sets: Array<[RuleSet, RuleSource]> = merchant ? [[platform, 'platform'], [merchant, 'merchant']] : [[platform, 'platform']];
  for (const [ruleSet, source] of sets) {
    const ruleVersion = ruleSetVersionLabel(ruleSet, source);
    for (const rule of ruleSet.rules) {
      const validation = validateRule(rule.expression);
      if (!validation.ok) return { ...validation, ruleId: rule.id, source };
      ordered.push({ rule, source, ruleVersion, evaluate: RULE_ENVIRONMENT.parse(rule.expression), budget: { exceeded: false } });
    }
  }
  const [lastSet, lastSource] = sets[sets.length - 1];
  return { ok: true, rules: { ordered, fallbackVersion: ruleSetVersionLabel(lastSet, lastSource) } };
}

export interface MatchedRule {
  ruleId: string;
  action: RuleAction;
  source: RuleSource;
  ruleVersion: string;
  description?: string;
}

export interface RulesOutcome {
  decision: RuleAction;
  matchedRules: MatchedRule[];
  decidedBy?: MatchedRule;
  ruleVersion: string;
  /** Rules that failed at run time (e.g. division by zero); they count as not matching. */
  ruleErrors: Array<{ ruleId: string; message: string }>;
}

export function evaluateRules(rules: CompiledRules, context: RuleContext, clock: () => number = () => performance.now()): RulesOutcome {
  const matchedRules: MatchedRule[] = [];
  const ruleErrors: RulesOutcome['ruleErrors'] = [];
  let decidedBy: MatchedRule | undefined;
  for (const compiled of rules.ordered) {
    if (compiled.budget.exceeded) {
      ruleErrors.push({ ruleId: compiled.rule.id, message: `rule skipped: it ran over its ${RULE_TIME_BUDGET_MS} ms budget` });
      continue;
    }
    let result: unknown;
    const startedMs = clock();
    try {
      result = compiled.evaluate(context);
    } catch (error) {
      ruleErrors.push({ ruleId: compiled.rule.id, message: String((error as Error).message).split('\n')[0] });
      continue;
    } finally {
      // Only merchant rules are switched off: the platform's few comparisons are cheap, and one GC
      // pause during them must not disable a platform block for the instance's lifetime.
      const elapsedMs = clock() - startedMs;
      if (compiled.source === 'merchant' && elapsedMs > RULE_TIME_BUDGET_MS) compiled.budget.exceeded = true;
    }
    if (compiled.budget.exceeded) {
      ruleErrors.push({ ruleId: compiled.rule.id, message: `rule ran over its ${RULE_TIME_BUDGET_MS} ms budget and is skipped from now on` });
      continue;
    }
    if (result !== true) continue;
    const { id, action, description } = compiled.rule;
    const match: MatchedRule = { ruleId: id, action, source: compiled.source, ruleVersion: compiled.ruleVersion, ...(description ? { description } : {}) };
    matchedRules.push(match);
    if (!decidedBy || ACTION_RANK[action] > ACTION_RANK[decidedBy.action]) decidedBy = match;
    if (action === 'block') break;
  }
  return {
    decision: decidedBy?.action ?? 'allow',
    matchedRules,
    ...(decidedBy ? { decidedBy } : {}),
    ruleVersion: decidedBy?.ruleVersion ?? rules.fallbackVersion,
    ruleErrors,
  };
}
