import { z } from 'zod';

// Disputes (Stripe's Dispute object): GET /v1/disputes, GET /v1/disputes/{id}, POST /v1/disputes/{id}
// (evidence), POST /v1/disputes/{id}/close (accept).

export const DISPUTE_STATUSES_V1 = ['warning_needs_response', 'warning_under_review', 'warning_closed', 'needs_response', 'under_review', 'won', 'lost'] as const;
export const DISPUTE_REASONS_V1 = ['fraudulent', 'product_not_received', 'product_unacceptable', 'duplicate', 'credit_not_processed', 'unrecognized', 'general'] as const;

/** Evidence fields the merchant writes as text (Stripe's names). */
export const EVIDENCE_TEXT_FIELDS = [
  'access_activity_log', 'billing_address', 'cancellation_policy_disclosure', 'cancellation_rebuttal', 'customer_email_address', 'customer_name',
  'customer_purchase_ip', 'duplicate_charge_explanation', 'product_description', 'refund_policy_disclosure', 'refund_refusal_explanation',
  'service_date', 'shipping_address', 'shipping_carrier', 'shipping_date', 'shipping_tracking_number', 'uncategorized_text',
] as const;
/** Evidence fields that name a file the merchant keeps with us: a file token (`file_…`). */
export const EVIDENCE_FILE_FIELDS = ['cancellation_policy', 'customer_communication', 'customer_signature', 'duplicate_charge_documentation', 'receipt', 'refund_policy', 'service_documentation', 'shipping_documentation', 'uncategorized_file'] as const;

const FileToken = z.string().regex(/^file_[A-Za-z0-9]{8,64}$/, 'a file token: file_ and 8 to 64 letters or digits');
// Stripe's limit for all text evidence together is 150,000 characters; one field at most 20,000 here.
const Text = z.string().min(1).max(20_000);

export const DisputeEvidenceV1 = z
  .object({
    ...Object.fromEntries(EVIDENCE_TEXT_FIELDS.map((field) => [field, Text.optional()])),
    ...Object.fromEntries(EVIDENCE_FILE_FIELDS.map((field) => [field, FileToken.optional()])),
  } as Record<(typeof EVIDENCE_TEXT_FIELDS)[number] | (typeof EVIDENCE_FILE_FIELDS)[number], z.ZodOptional<z.ZodString>>)
  .strict()
  .superRefine((evidence, ctx) => {
    const total = Object.values(evidence).reduce((sum, value) => sum + (value?.length ?? 0), 0);
    if (total > 150_000) ctx.addIssue({ code: 'custom', message: 'evidence text may total at most 150,000 characters' });
  });
export type DisputeEvidenceV1 = z.infer<typeof DisputeEvidenceV1>;

const MetadataV1 = z.record(z.string().min(1).max(40), z.string().max(500)).refine((m) => Object.keys(m).length <= 50, 'at most 50 keys');

export const UpdateDisputeRequest = z
  .object({
    evidence: DisputeEvidenceV1.optional(),
    /** true (the default): the evidence goes to the processor now and the dispute is under review; false: saved only. */
    submit: z.boolean().default(true),
    metadata: MetadataV1.optional(),
  })
  .strict();

export const CloseDisputeRequest = z.object({}).strict();

export const ListDisputesQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(10),
    starting_after: z.string().regex(/^dp_[A-Za-z0-9]+$/).optional(),
    payment: z.string().regex(/^pay_[A-Za-z0-9]+$/).optional(),
  })
  .strict();

export const DisputeObject = z.object({
  id: z.string(),
  object: z.literal('dispute'),
  amount: z.number().int(),
  currency: z.string(),
  payment: z.string(),
  reason: z.enum(DISPUTE_REASONS_V1),
  status: z.enum(DISPUTE_STATUSES_V1),
  /** Evidence as saved: each field's text or file token, null when not given. */
  evidence: z.record(z.string(), z.string().nullable()),
  evidence_details: z.object({ due_by: z.number().int(), has_evidence: z.boolean(), past_due: z.boolean(), submitted_at: z.number().int().nullable() }),
  /** What the dispute moved on the merchant's balance: the withdrawal and, for a won chargeback, the reinstatement. */
  balance_transactions: z.array(z.object({ id: z.string(), amount: z.number().int(), fee: z.number().int(), net: z.number().int(), type: z.literal('adjustment') })),
  is_charge_refundable: z.boolean(),
  processor: z.enum(['sandbox_processor', 'euro_acquirer']),
  livemode: z.boolean(),
  metadata: z.record(z.string(), z.string()),
  created: z.number().int(),
});
export type DisputeObject = z.infer<typeof DisputeObject>;

export const DisputeList = z.object({ object: z.literal('list'), data: z.array(DisputeObject), has_more: z.boolean(), url: z.string() });
