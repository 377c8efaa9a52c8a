import { computeFeatures, featureMap, type Feature, type FeatureOptions } from './fraud-features';
import { evaluateRules, type CompiledRules, type MatchedRule, type RuleAction } from './fraud-rules';
import type { FraudSignals } from './fraud-signals';
import { scoreRisk, type Contribution, type RiskLevel, type RiskModelConfig } from './risk-model';
import { buildRuleContext } from './rule-variables';

export interface Assessment {
  decision: RuleAction;
  score: number;
  level: RiskLevel;
  /** Model reasons (largest contributions first), e.g. ["velocity_card_1h", "ip_country_mismatch"]. */
  reasons: string[];
  matchedRules: MatchedRule[];
  /** Rule set version that decided, e.g. "merchant:m_1@4"; the most specific set in force when none matched. */
  ruleVersion: string;
  decidedBy?: MatchedRule;
  modelVersion: string;
  features: Feature[];
  contributions: Contribution[];
  ruleErrors: Array<{ ruleId: string; message: string }>;
}

/** Pure: loaded signals in, decision out. The caller loads history and persists the assessment. */
export function assessPayment(signals: FraudSignals, model: RiskModelConfig, rules: CompiledRules, options: FeatureOptions = {}): Assessment {
  const features = computeFeatures(signals, options);
  const values = featureMap(features);
  const risk = scoreRisk(values, model);
  const outcome = evaluateRules(rules, buildRuleContext(signals, values, risk.score));
  return {
    decision: outcome.decision,
    score: risk.score,
    level: risk.level,
    reasons: risk.reasons,
    matchedRules: outcome.matchedRules,
    ruleVersion: outcome.ruleVersion,
    ...(outcome.decidedBy ? { decidedBy: outcome.decidedBy } : {}),
    modelVersion: model.version,
    features,
    contributions: risk.contributions,
    ruleErrors: outcome.ruleErrors,
  };
}
