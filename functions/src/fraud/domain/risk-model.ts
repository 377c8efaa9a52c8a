import { z } from 'zod';

/**
 * A transparent logistic model: score = 100 * sigmoid(bias + sum of weight * transform(feature)), capped
 * at 99. Every term is a readable line of configuration, and each term's contribution is the explanation.
 * Counts enter through `excess` (how far above a normal level, capped) so that one honest repeat
 * purchase adds nothing and a runaway counter cannot swamp every other signal.
 */

export const riskModelConfigSchema = z.object({
  version: z.string().min(1),
  bias: z.number(),
  terms: z.array(
    z.object({
      feature: z.string().min(1),
      weight: z.number(),
      transform: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('flag') }),
        z.object({ kind: z.literal('linear') }),
        z.object({ kind: z.literal('excess'), over: z.number(), cap: z.number().positive() }),
      ]),
    }),
  ),
  /** Smallest contribution (in log-odds) that is worth naming as a reason. */
  reasonThreshold: z.number().nonnegative(),
  maxReasons: z.number().int().positive(),
  levels: z.object({ elevated: z.number().int().min(0).max(99), highest: z.number().int().min(0).max(99) }),
});

export type RiskModelConfig = z.infer<typeof riskModelConfigSchema>;
export type ModelTerm = RiskModelConfig['terms'][number];
export type RiskLevel = 'normal' | 'elevated' | 'highest';

export interface Contribution {
  feature: string;
  contribution: number;
}

export interface RiskScore {
  score: number;
  level: RiskLevel;
  reasons: string[];
  contributions: Contribution[];
}

const flag = (feature: string, weight: number): ModelTerm => ({ feature, weight, transform: { kind: 'flag' } });
const excess = (feature: string, weight: number, over: number, cap: number): ModelTerm => ({ feature, weight, transform: { kind: 'excess', over, cap } });

/** Hand-set starting weights; bias -5.5 keeps a payment with no signals at score 0. */
export const DEFAULT_RISK_MODEL: RiskModelConfig = {
  version: 'default-2025-01',
  bias: -5.5,
  terms: [
    excess('velocity_card_10m', 0.9, 2, 10),
    excess('velocity_card_1h', 0.5, 4, 10),
    excess('velocity_card_24h', 0.2, 8, 20),
    excess('velocity_card_1h_amount_usd', 0.0004, 2_000, 10_000),
    excess('velocity_email_1h', 0.4, 4, 10),
    excess('velocity_customer_1h', 0.4, 4, 10),
    excess('velocity_ip_10m', 0.35, 4, 20),
    excess('velocity_ip_1h', 0.1, 10, 40),
    excess('declines_card_24h', 0.8, 1, 10),
    excess('amount_zscore', 0.6, 2, 6),
    flag('first_customer_payment', 0.4),
    flag('card_country_mismatch', 1.2),
    flag('ip_country_mismatch', 2.5),
    flag('cross_border', 0.6),
    flag('high_risk_country', 2.5),
    flag('disposable_email', 1.8),
    excess('distinct_cards_ip_1h', 1.2, 2, 10),
    excess('distinct_cards_ip_24h', 0.3, 4, 20),
    excess('distinct_cards_device_1h', 1.2, 1, 10),
    excess('distinct_cards_device_24h', 0.3, 3, 20),
    flag('known_bad_card', 6),
    flag('known_bad_email', 4),
    flag('known_bad_ip', 3),
    // A risk signal, never a block by itself: the score still weighs everything else.
    excess('reported_by_merchants', 0.8, 2, 5),
  ],
  reasonThreshold: 0.5,
  maxReasons: 5,
  levels: { elevated: 40, highest: 75 },
};

function termInput(term: ModelTerm, value: number | boolean | undefined): number {
  if (value === undefined) return 0;
  const numeric = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  switch (term.transform.kind) {
    case 'flag':
      return numeric ? 1 : 0;
    case 'linear':
      return numeric;
    case 'excess':
      return Math.min(Math.max(numeric - term.transform.over, 0), term.transform.cap);
  }
}

export function scoreRisk(features: Readonly<Record<string, number | boolean>>, config: RiskModelConfig = DEFAULT_RISK_MODEL): RiskScore {
  let logit = config.bias;
  const contributions: Contribution[] = [];
  for (const term of config.terms) {
    const contribution = term.weight * termInput(term, features[term.feature]);
    if (contribution === 0) continue;
    logit += contribution;
    contributions.push({ feature: term.feature, contribution });
  }
  const probability = 1 / (1 + Math.exp(-logit));
  const score = Math.min(99, Math.floor(probability * 100));
  const level: RiskLevel = score >= config.levels.highest ? 'highest' : score >= config.levels.elevated ? 'elevated' : 'normal';
  contributions.sort((a, b) => b.contribution - a.contribution);
  const reasons = contributions
    .filter((c) => c.contribution >= config.reasonThreshold)
    .slice(0, config.maxReasons)
    .map((c) => c.feature);
  return { score, level, reasons, contributions };
}
