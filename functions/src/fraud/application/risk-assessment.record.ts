import { z } from 'zod';
import { recordKind } from '../../shared/context-record';
import { COLLECTIONS } from '../../shared/firestore-collections';

// The fraud gate's assessment of one payment, committed with the payment's gate decision through
// payments' transaction (a record kind of the fraud context: see shared/context-record.ts).

export const RISK_ASSESSMENTS = COLLECTIONS.riskAssessments;

const MatchedRule = z.object({
  ruleId: z.string(),
  action: z.enum(['allow', 'review', 'block']),
  source: z.enum(['platform', 'merchant']),
  ruleVersion: z.string(),
  description: z.string().optional(),
});

/** `risk_assessments/<paymentId>`: everything needed to explain the decision later. */
export const RiskAssessmentRecord = z.strictObject({
  paymentId: z.string().min(1),
  merchantId: z.string().min(1),
  livemode: z.boolean(),
  score: z.number().min(0).max(100),
  level: z.enum(['normal', 'elevated', 'highest']),
  decision: z.enum(['allow', 'review', 'block']),
  reasons: z.array(z.string()),
  features: z.array(z.object({ name: z.string(), value: z.union([z.number(), z.boolean()]), explanation: z.string() })),
  contributions: z.array(z.object({ feature: z.string(), contribution: z.number() })),
  matchedRules: z.array(MatchedRule),
  decidedBy: MatchedRule.nullable(),
  ruleErrors: z.array(z.object({ ruleId: z.string(), message: z.string() })),
  ruleVersion: z.string(),
  modelVersion: z.string(),
  assessedForMs: z.number().int(),
});

export type RiskAssessmentRecord = z.infer<typeof RiskAssessmentRecord>;

/** Append-only: a payment is assessed once (the gate runner records a verdict only while the payment waits on the gate). */
export const RISK_ASSESSMENT = recordKind({ name: 'risk_assessment', collection: COLLECTIONS.riskAssessments, schema: RiskAssessmentRecord, write: 'create' });
