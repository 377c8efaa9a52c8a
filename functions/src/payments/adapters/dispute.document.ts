import { z } from 'zod';
import { minorUnits } from '../../shared/money';
import { PROCESSOR_NAMES, ProcessorName } from '../domain/payment';
import { Dispute, DISPUTE_REASONS, DISPUTE_STATUSES, DisputeReason, DisputeStatus } from '../domain/dispute';

/** A stored dispute: the domain object as it is, read back through this schema. */
export const DisputeDocument = z
  .object({
    id: z.string().regex(/^dp_/),
    paymentId: z.string(),
    merchantId: z.string(),
    livemode: z.boolean(),
    processor: z.enum(PROCESSOR_NAMES as [ProcessorName, ...ProcessorName[]]),
    processorDisputeId: z.string(),
    amount: z.number().int().positive(),
    currency: z.string(),
    fee: z.number().int().min(0),
    reason: z.enum(DISPUTE_REASONS as [DisputeReason, ...DisputeReason[]]),
    status: z.enum(DISPUTE_STATUSES as [DisputeStatus, ...DisputeStatus[]]),
    evidence: z.record(z.string(), z.string()),
    evidenceSubmittedMs: z.number().int().nullable(),
    evidenceDueByMs: z.number().int(),
    fundsWithdrawn: z.boolean(),
    fundsReinstated: z.boolean(),
    metadata: z.record(z.string(), z.string()),
    createdMs: z.number().int(),
    updatedMs: z.number().int(),
  })
  .transform((d): Dispute => ({ ...d, amount: minorUnits(d.amount), fee: minorUnits(d.fee) }));

export const disputeDocument = (dispute: Dispute): z.input<typeof DisputeDocument> => ({ ...dispute, evidence: { ...dispute.evidence }, metadata: { ...dispute.metadata } });
