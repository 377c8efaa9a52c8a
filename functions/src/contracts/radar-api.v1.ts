import { z } from 'zod';
import { PaymentObject } from './payments-api.v1';

// Radar (fraud rules) and review API bodies; the same schemas validate requests and document them.
export const RuleAction = z.enum(['allow', 'review', 'block']);

export const CreateRadarRuleRequest = z
  .object({
    expression: z.string().min(1).max(2000),
    action: RuleAction,
    description: z.string().max(500).optional(),
  })
  .strict();

export const RadarRuleObject = z.object({
  id: z.string(),
  object: z.literal('radar_rule'),
  expression: z.string(),
  action: RuleAction,
  description: z.string().nullable(),
});

export const RadarRuleList = z.object({
  object: z.literal('list'),
  data: z.array(RadarRuleObject),
  /** The merchant's rule set version; every assessment records the version that decided it. */
  version: z.number().int(),
  url: z.string(),
});

export const DeletedRadarRule = z.object({ id: z.string(), object: z.literal('radar_rule'), deleted: z.literal(true), version: z.number().int() });

export const ListReviewsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) }).strict();
export const ReviewList = z.object({ object: z.literal('list'), data: z.array(PaymentObject), has_more: z.boolean(), url: z.string() });

export const ResolveReviewRequest = z.object({}).strict();
export const FraudReportRequest = z.object({}).strict();

export type CreateRadarRuleRequest = z.infer<typeof CreateRadarRuleRequest>;
export type RadarRuleObject = z.infer<typeof RadarRuleObject>;
export type RadarRuleList = z.infer<typeof RadarRuleList>;
