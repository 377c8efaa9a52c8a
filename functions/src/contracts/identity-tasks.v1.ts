import { z } from 'zod';

// Cloud Task payloads of the identity context (v1).

/** run-kyc-check (queue kyc-checks): the verification to screen and send to the vendor. */
export const KycCheckTaskV1 = z.strictObject({
  verification_id: z.string().regex(/^ky[bc]_[A-Za-z0-9]+$/),
  /** Set when the task is enqueued before the verification's transaction commits (KYB). */
  enqueued_ms: z.number().int().nonnegative().optional(),
});
