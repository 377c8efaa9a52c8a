import { z } from 'zod';
import { CaptureRecord, RefundRecord } from '../application/compliance.store';
import { Proven, SameShape } from '../../platform/adapters/stored-document';

/** `aml_captures/<paymentId>`; eventId is absent on records written before it was kept. */
export const CaptureRecordDocument = z.object({
  paymentId: z.string(),
  customerKey: z.string(),
  capturedMs: z.number().int(),
  eventId: z.string().optional(),
}) satisfies z.ZodType<CaptureRecord>;

/** `aml_refunds/<refundId>`. */
export const RefundRecordDocument = z.object({
  refundId: z.string(),
  paymentId: z.string(),
  customerKey: z.string(),
  refundedMs: z.number().int(),
  eventId: z.string(),
}) satisfies z.ZodType<RefundRecord>;

export type CaptureRecordDocumentMatchesDomain = Proven<SameShape<z.output<typeof CaptureRecordDocument>, CaptureRecord>>;
export type RefundRecordDocumentMatchesDomain = Proven<SameShape<z.output<typeof RefundRecordDocument>, RefundRecord>>;
