import { Environment } from '@marcbachmann/cel-js';
import { estimateRuleCost } from '../../shared/cel-rule-cost';
import { ProcessorName } from './payment';

// Which processors a payment is offered to, in order. A merchant's routing (per mode): CEL rules over
// the payment tried in order (the first that matches names its processors), else a volume split in
// percent, else (when asked) the processor local to the card's region, else an ordered list; the
// platform's order when the merchant has none. Every configured processor not chosen follows as the
// failover order. Decided from the payment alone (the split hashes its id), so a retry routes alike.

export interface RoutingRule {
  readonly id: string;
  /** CEL over amount, currency, card_brand, card_country, customer_country. */
  readonly condition: string;
  readonly processors: readonly ProcessorName[];
}

export interface RoutingSplit {
  readonly processor: ProcessorName;
  readonly percent: number;
}

export interface RoutingConfig {
  readonly rules: readonly RoutingRule[];
  /** Percentages summing to 100, or null. */
  readonly split: readonly RoutingSplit[] | null;
  /** Route a card to the processor of its region (euro_acquirer for EEA, UK and Swiss cards) when no rule matched and there is no split. */
  readonly preferLocalProcessor: boolean;
  /** The fallback order, or null for the platform's. */
  readonly order: readonly ProcessorName[] | null;
  /** A soft decline may be retried once on the next processor. */
  readonly retrySoftDeclines: boolean;
  readonly version: number;
  readonly updatedMs: number;
}

export const EMPTY_ROUTING: RoutingConfig = { rules: [], split: null, preferLocalProcessor: false, order: null, retrySoftDeclines: false, version: 0, updatedMs: 0 };

/** What a condition may read about the payment (unknown values are ''). */
export interface RoutingFeatures {
  readonly amount: number;
  readonly currency: string;
  readonly card_brand: string;
  readonly card_country: string;
  readonly customer_country: string;
}

const ROUTING_VARIABLES = { amount: 'int', currency: 'string', card_brand: 'string', card_country: 'string', customer_country: 'string' } as const;
const ENVIRONMENT = (() => {
  const env = new Environment({ limits: { maxAstNodes: 200, maxDepth: 30, maxListElements: 64, maxMapEntries: 16, maxCallArguments: 8 } });
  for (const [name, type] of Object.entries(ROUTING_VARIABLES)) env.registerVariable(name, type);
  return env;
})();

export const MAX_ROUTING_RULES = 50;
export const MAX_CONDITION_LENGTH = 1_000;

/** Regions of the processors that are local to one: the European acquirer for EEA, UK and Swiss cards. */
export const PROCESSOR_REGIONS: Readonly<Partial<Record<ProcessorName, ReadonlySet<string>>>> = {
  euro_acquirer: new Set(
    'at be bg hr cy cz dk ee fi fr de gr hu ie it lv lt lu mt nl pl pt ro sk si es se is li no gb ch'.split(' '),
  ),
};

export type ConditionCheck = { ok: true } | { ok: false; message: string };

/** Checked when a merchant saves routing: syntax, variables, a boolean result and a bounded cost. */
export function checkCondition(condition: string): ConditionCheck {
  if (condition.length > MAX_CONDITION_LENGTH) return { ok: false, message: `longer than ${MAX_CONDITION_LENGTH} characters` };
  const checked = ENVIRONMENT.check(condition);
  if (!checked.valid) return { ok: false, message: String(checked.error?.message ?? 'invalid condition').split('\n')[0]! };
  if (checked.type !== 'bool') return { ok: false, message: `a condition must be a bool, this one is ${checked.type}` };
  const cost = estimateRuleCost(ENVIRONMENT.parse(condition).ast);
  return cost.ok ? { ok: true } : { ok: false, message: cost.message };
}

export interface CompiledRouting {
  readonly config: RoutingConfig;
  readonly rules: ReadonlyArray<{ readonly rule: RoutingRule; readonly evaluate: (context: Record<string, unknown>) => unknown }>;
}

/** Parses every condition once (they were checked when saved). */
export function compileRouting(config: RoutingConfig): CompiledRouting {
  return { config, rules: config.rules.map((rule) => ({ rule, evaluate: ENVIRONMENT.parse(rule.condition) })) };
}

export interface RoutingDecision {
  readonly candidates: readonly ProcessorName[];
  readonly reason: string;
}

/** The processors to try, in order, among those configured; `splitKey` (the payment id) makes a split stable. */
export function decideRoute(routing: CompiledRouting, features: RoutingFeatures, configured: readonly ProcessorName[], platformOrder: readonly ProcessorName[], splitKey: string): RoutingDecision {
  const { config } = routing;
  const fallback = orderOf(config.order ?? platformOrder, configured);
  const context = { ...features, amount: BigInt(Math.trunc(features.amount)) };
  for (const { rule, evaluate } of routing.rules) {
    let matched = false;
    try {
      matched = evaluate(context) === true;
    } catch {
      matched = false; // a condition that cannot be evaluated for this payment does not match
    }
    if (matched) return { candidates: orderOf([...rule.processors, ...fallback], configured), reason: `rule:${rule.id}` };
  }
  if (config.split && config.split.length > 0) {
    const bucket = bucketOf(splitKey);
    let cumulative = 0;
    const chosen = config.split.find((s) => bucket < (cumulative += s.percent)) ?? config.split[config.split.length - 1]!;
    return { candidates: orderOf([chosen.processor, ...fallback], configured), reason: 'split' };
  }
  if (config.preferLocalProcessor && features.card_country) {
    const local = configured.find((p) => PROCESSOR_REGIONS[p]?.has(features.card_country.toLowerCase()));
    if (local) return { candidates: orderOf([local, ...fallback], configured), reason: 'local_processor' };
  }
  return { candidates: fallback, reason: config.order ? 'merchant_order' : 'default' };
}

/** 0..99 from the key (FNV-1a): the same payment always lands in the same bucket. */
export function bucketOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return hash % 100;
}

const orderOf = (wanted: readonly ProcessorName[], configured: readonly ProcessorName[]): ProcessorName[] => {
  const seen = new Set<ProcessorName>();
  for (const p of [...wanted, ...configured]) if (configured.includes(p)) seen.add(p);
  return [...seen];
};
