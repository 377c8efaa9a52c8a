import { Environment } from '@marcbachmann/cel-js';

/**
 * AML monitoring rules as data: CEL conditions over one transaction and the customer's recent
 * activity. Each rule set has a version recorded with every alert it raises, so an alert can be
 * explained by the exact rules in force. Amounts are integer US cents.
 */
export type AmlAlertKind = 'report' | 'alert';
/** How often a rule may raise for the same customer: once per payment or once per UTC day. */
export type AmlDedupe = 'per_payment' | 'per_customer_day';

export interface AmlRule {
  readonly id: string;
  readonly expression: string;
  /** `report` files a CTR-like report record as well as opening a case. */
  readonly kind: AmlAlertKind;
  readonly dedupe: AmlDedupe;
  readonly description: string;
}

export interface AmlRuleSet {
  readonly version: number;
  readonly rules: readonly AmlRule[];
}

export const AML_VARIABLES = {
  event_type: 'string', // 'payment' | 'refund'
  amount_usd_cents: 'int',
  day_total_usd_cents: 'int',
  day_total_before_usd_cents: 'int',
  near_threshold_count_24h: 'int',
  /** -1 when unknown or not a refund. */
  seconds_since_capture: 'int',
  customer_country: 'string',
  merchant_country: 'string',
  high_risk_jurisdictions: 'list<string>',
} as const;

export type AmlFacts = {
  event_type: 'payment' | 'refund';
  amount_usd_cents: number;
  day_total_usd_cents: number;
  day_total_before_usd_cents: number;
  near_threshold_count_24h: number;
  seconds_since_capture: number;
  customer_country: string;
  merchant_country: string;
  high_risk_jurisdictions: readonly string[];
};

export const AML_ENVIRONMENT = (() => {
  const env = new Environment();
  for (const [name, type] of Object.entries(AML_VARIABLES)) env.registerVariable(name, type);
  return env;
})();

export const PLATFORM_AML_RULES: AmlRuleSet = {
  version: 1,
  rules: [
    {
      id: 'daily_total_ctr',
      kind: 'report',
      dedupe: 'per_customer_day',
      description: 'Customer total of 10,000 USD or more in one day (CTR-like report).',
      expression: "event_type == 'payment' && day_total_before_usd_cents < 1000000 && day_total_usd_cents >= 1000000",
    },
    {
      id: 'structuring',
      kind: 'alert',
      dedupe: 'per_customer_day',
      description: 'Three or more payments of 8,000 to 9,999 USD within 24 hours.',
      expression: "event_type == 'payment' && amount_usd_cents >= 800000 && amount_usd_cents <= 999999 && near_threshold_count_24h >= 3",
    },
    {
      id: 'refund_soon_after_capture',
      kind: 'alert',
      dedupe: 'per_payment',
      description: 'Refund less than one hour after the capture.',
      expression: "event_type == 'refund' && seconds_since_capture >= 0 && seconds_since_capture < 3600",
    },
    {
      id: 'high_risk_jurisdiction',
      kind: 'alert',
      dedupe: 'per_payment',
      description: 'Payment from or to a high-risk jurisdiction (FATF lists).',
      expression: "event_type == 'payment' && (customer_country in high_risk_jurisdictions || merchant_country in high_risk_jurisdictions)",
    },
  ],
};

export interface CompiledAmlRules {
  readonly version: string;
  readonly rules: ReadonlyArray<AmlRule & { evaluate: (context: Record<string, unknown>) => unknown }>;
}

/** Type-checks every rule once (a bad rule set fails at cold start, not on a payment) and parses it. */
export function compileAmlRules(set: AmlRuleSet): CompiledAmlRules {
  const rules = set.rules.map((rule) => {
    const checked = AML_ENVIRONMENT.check(rule.expression);
    if (!checked.valid || checked.type !== 'bool') throw new Error(`AML rule ${rule.id} is invalid: ${checked.error?.message?.split('\n')[0] ?? `yields ${checked.type}`}`);
    return { ...rule, evaluate: AML_ENVIRONMENT.parse(rule.expression) as (context: Record<string, unknown>) => unknown };
  });
  return { version: `aml@${set.version}`, rules };
}

export interface AmlHit {
  readonly rule: AmlRule;
  readonly ruleVersion: string;
}

export function evaluateAmlRules(compiled: CompiledAmlRules, facts: AmlFacts): AmlHit[] {
  const context = {
    ...facts,
    amount_usd_cents: BigInt(facts.amount_usd_cents),
    day_total_usd_cents: BigInt(facts.day_total_usd_cents),
    day_total_before_usd_cents: BigInt(facts.day_total_before_usd_cents),
    near_threshold_count_24h: BigInt(facts.near_threshold_count_24h),
    seconds_since_capture: BigInt(facts.seconds_since_capture),
    high_risk_jurisdictions: [...facts.high_risk_jurisdictions],
  };
  // A rule that fails at run time is treated as not matching; the type check makes that rare.
  return compiled.rules.filter((rule) => {
    try {
      return rule.evaluate(context) === true;
    } catch {
      return false;
    }
  }).map((rule) => ({ rule, ruleVersion: compiled.version }));
}
