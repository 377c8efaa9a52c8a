import { z } from 'zod';
import { Proven, SameShape } from '../../platform/adapters/stored-document';
import { Verification } from '../domain/verification';
import { MerchantVerificationPointerSchema, VerificationSchema } from '../application/identity.record-kinds';

// The schemas its writes are validated with (identity.record-kinds.ts): one definition for both.
/** `verifications/<id>`. */
export const VerificationDocument = VerificationSchema satisfies z.ZodType<Verification>;

export type VerificationDocumentMatchesDomain = Proven<SameShape<z.output<typeof VerificationDocument>, Verification>>;

/** `merchant_verifications/<mode>_<merchantId>`: which KYB verification is the merchant's current one. */
export const MerchantVerificationPointerDocument = MerchantVerificationPointerSchema;
