import { Environment } from '@marcbachmann/cel-js';
import { FEATURE_CATALOGUE, type FeatureKind } from './fraud-features';
import type { FraudSignals } from './fraud-signals';
import { emailDomain } from './risk-reference-data';

/** The CEL variables a rule may use. Counts and minor-unit amounts are CEL ints, so `score > 75` reads naturally. */
export type CelVariableType = 'int' | 'double' | 'bool' | 'string';

const KIND_TO_CEL: Record<FeatureKind, CelVariableType> = { count: 'int', usd: 'double', ratio: 'double', flag: 'bool' };

const PAYMENT_VARIABLES: Readonly<Record<string, CelVariableType>> = {
  score: 'int',
  amount: 'int',
  amount_usd: 'double',
  currency: 'string',
  card_country: 'string',
  card_brand: 'string',
  ip_country: 'string',
  customer_country: 'string',
  email_domain: 'string',
  merchant_id: 'string',
};

function buildVariables(): Readonly<Record<string, CelVariableType>> {
  const variables: Record<string, CelVariableType> = {};
  for (const [name, kind] of Object.entries(FEATURE_CATALOGUE)) variables[name] = KIND_TO_CEL[kind];
  return Object.freeze({ ...variables, ...PAYMENT_VARIABLES });
}

export const RULE_VARIABLES = buildVariables();
/** Feature variables only, as an array: building the context is on the per-payment hot path. */
const FEATURE_VARIABLES: ReadonlyArray<readonly [string, CelVariableType]> = Object.entries(RULE_VARIABLES).filter(([name]) => !(name in PAYMENT_VARIABLES));

// Structural limits at parse time: with no list-typed variables, a literal list is the only range a
// comprehension can walk, so capping list size and nodes bounds what a rule can ask of the evaluator.
export const RULE_PARSE_LIMITS = { maxAstNodes: 300, maxDepth: 40, maxListElements: 64, maxMapEntries: 64, maxCallArguments: 8 } as const;

function buildEnvironment(): Environment {
  const env = new Environment({ limits: RULE_PARSE_LIMITS });
  for (const [name, type] of Object.entries(RULE_VARIABLES)) env.registerVariable(name, type);
  return env;
}

/** One shared, declared environment: rules are checked against it when saved and compiled against it once. */
export const RULE_ENVIRONMENT = buildEnvironment();

export type RuleContext = Record<string, bigint | number | boolean | string>;

/**
 * Every declared variable gets a value (cel-js rejects a missing one), in the JS type its CEL type needs.
 * Unknown strings become '', which never equals a real code: `card_country != ip_country` is therefore
 * true when the IP country is unknown, and a rule that needs it known adds `ip_country != ""`.
 */
export function buildRuleContext(signals: FraudSignals, featureValues: Readonly<Record<string, number | boolean>>, score: number): RuleContext {
  const context: RuleContext = {};
  for (const [name, type] of FEATURE_VARIABLES) {
    const value = featureValues[name];
    if (type === 'int') context[name] = BigInt(Math.trunc(Number(value ?? 0)));
    else if (type === 'double') context[name] = Number(value ?? 0);
    else context[name] = Boolean(value);
  }
  const { payment } = signals;
  context.score = BigInt(score);
  context.amount = BigInt(payment.amountMinor);
  context.amount_usd = signals.amountUsdMinor / 100;
  context.currency = payment.currency.toUpperCase();
  context.card_country = payment.card.country;
  context.card_brand = payment.card.brand;
  context.ip_country = payment.customer.ip_country ?? '';
  context.customer_country = payment.customer.country ?? '';
  context.email_domain = emailDomain(payment.customer.email);
  context.merchant_id = payment.merchantId;
  return context;
}
