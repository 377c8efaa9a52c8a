import { z } from 'zod';

// Processor routing of a merchant, per mode: GET /v1/routing and POST /v1/routing (replaces it).
export const ProcessorNameV1 = z.enum(['sandbox_processor', 'euro_acquirer']);

const RuleId = z.string().regex(/^[a-z0-9_-]{1,64}$/, 'lower-case letters, digits, - and _, at most 64');

export const RoutingRuleV1 = z
  .object({
    id: RuleId,
    /** CEL over amount (minor units), currency, card_brand, card_country, customer_country (lower-case codes). */
    condition: z.string().min(1).max(1000),
    processors: z.array(ProcessorNameV1).min(1).max(2),
  })
  .strict();

export const RoutingSplitV1 = z.object({ processor: ProcessorNameV1, percent: z.number().int().min(1).max(100) }).strict();

export const UpdateRoutingRequest = z
  .object({
    rules: z.array(RoutingRuleV1).max(50).default([]),
    split: z.array(RoutingSplitV1).min(1).max(2).nullable().default(null),
    prefer_local_processor: z.boolean().default(false),
    order: z.array(ProcessorNameV1).min(1).max(2).nullable().default(null),
    retry_soft_declines: z.boolean().default(false),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.split && body.split.reduce((sum, s) => sum + s.percent, 0) !== 100) ctx.addIssue({ code: 'custom', path: ['split'], message: 'percentages must add up to 100' });
    if (body.split && new Set(body.split.map((s) => s.processor)).size !== body.split.length) ctx.addIssue({ code: 'custom', path: ['split'], message: 'each processor once' });
    if (body.order && new Set(body.order).size !== body.order.length) ctx.addIssue({ code: 'custom', path: ['order'], message: 'each processor once' });
    if (new Set(body.rules.map((r) => r.id)).size !== body.rules.length) ctx.addIssue({ code: 'custom', path: ['rules'], message: 'rule ids must be unique' });
    for (const [i, rule] of body.rules.entries()) if (new Set(rule.processors).size !== rule.processors.length) ctx.addIssue({ code: 'custom', path: ['rules', i, 'processors'], message: 'each processor once' });
  });

export const RoutingObject = z.object({
  object: z.literal('routing'),
  livemode: z.boolean(),
  /** 0 while the merchant has none (the platform's order applies); each save adds one. */
  version: z.number().int(),
  rules: z.array(RoutingRuleV1),
  split: z.array(RoutingSplitV1).nullable(),
  prefer_local_processor: z.boolean(),
  order: z.array(ProcessorNameV1).nullable(),
  retry_soft_declines: z.boolean(),
  /** The processors configured in this mode, in the platform's order. */
  available_processors: z.array(ProcessorNameV1),
  updated: z.number().int().nullable(),
});

export const GetRoutingQuery = z.object({}).strict();
export type UpdateRoutingRequest = z.infer<typeof UpdateRoutingRequest>;
export type RoutingObject = z.infer<typeof RoutingObject>;

// GET /v1/processors/health (staff): each processor's recent record, per mode.
export const ProcessorHealthQuery = z.object({}).strict();
export const ProcessorHealthObject = z.object({
  processor: ProcessorNameV1,
  livemode: z.boolean(),
  /** up, degraded (under 95 % answered), down (10 failures in a row at the end of the window), idle (no attempt). */
  state: z.enum(['up', 'degraded', 'down', 'idle']),
  attempts: z.number().int(),
  authorized: z.number().int(),
  declined: z.number().int(),
  not_reached: z.number().int(),
  unknown: z.number().int(),
  success_rate: z.number().nullable(),
  approval_rate: z.number().nullable(),
  latency_p50_ms: z.number().nullable(),
  latency_p95_ms: z.number().nullable(),
  failures_in_a_row: z.number().int(),
});
export const ProcessorHealthList = z.object({ object: z.literal('list'), window_seconds: z.number().int(), data: z.array(ProcessorHealthObject) });
