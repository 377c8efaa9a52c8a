import { z } from 'zod';
import { COLLECTIONS } from '../../shared/firestore-collections';
import { recordKind } from '../../shared/context-record';
import { PROCESSOR_NAMES } from '../domain/payment';
import { DISPUTE_STATUSES, DisputeStatus } from '../domain/dispute';

/** A processor's notification as received and what came of it; created once (its id is `<processor>_<notification id>`). */
export const ProcessorNotificationRecord = z.object({
  processor: z.enum(PROCESSOR_NAMES as [string, ...string[]]),
  notificationId: z.string(),
  kind: z.enum(['capture', 'void', 'refund', 'dispute']),
  succeeded: z.boolean(),
  reference: z.string(),
  /** The processor's capture, refund or dispute id. */
  processorReference: z.string(),
  /** Dispute notifications: the status the processor reported. */
  disputeStatus: z.enum(DISPUTE_STATUSES as [DisputeStatus, ...DisputeStatus[]]).optional(),
  amount: z.number().int(),
  currency: z.string(),
  livemode: z.boolean(),
  /** applied: it moved the payment or refund; no_change: already there; unmatched: no payment or refund of ours under that reference. */
  outcome: z.enum(['applied', 'no_change', 'unmatched']),
  receivedMs: z.number().int(),
});
export type ProcessorNotificationRecord = z.infer<typeof ProcessorNotificationRecord>;

export const PROCESSOR_NOTIFICATION = recordKind({ name: 'processor_notification', collection: COLLECTIONS.processorNotifications, schema: ProcessorNotificationRecord, write: 'create' });
