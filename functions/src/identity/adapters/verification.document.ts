import { z } from 'zod';
import { Proven, SameShape } from '../../platform/adapters/stored-document';
import { Verification } from '../domain/verification';

// Stored as plain JSON of the domain type: undefined fields are dropped, so every optional field
// may be absent. Personal data stays sealed; only its envelope's shape is checked here.
const SealedField = z.object({ iv: z.string(), ciphertext: z.string(), tag: z.string() });

const Subject = z.object({
  ref: z.string(),
  kind: z.enum(['business', 'person']),
  name: z.string(),
  country: z.string(),
  registrationNumber: z.string().optional(),
  screening: z
    .object({
      outcome: z.enum(['clear', 'weak_hit', 'strong_hit']),
      listVersion: z.string(),
      topMatch: z.object({ entityId: z.string(), matchedName: z.string(), score: z.number() }).optional(),
    })
    .optional(),
  vendor: z
    .object({ checkId: z.string().optional(), outcome: z.enum(['approved', 'rejected', 'review']).optional(), reasons: z.array(z.string()).optional() })
    .optional(),
});

/** `verifications/<id>`. */
export const VerificationDocument = z.object({
  id: z.string(),
  type: z.enum(['kyb', 'kyc']),
  ownerId: z.string(),
  livemode: z.boolean().optional(),
  status: z.enum(['pending', 'verified', 'rejected', 'requires_review']),
  subjects: z.array(Subject),
  personalData: z.object({ kekId: z.string(), wrappedKey: z.string(), fields: z.record(z.string(), SealedField) }),
  reasons: z.array(z.string()),
  createdMs: z.number().int(),
  updatedMs: z.number().int(),
}) satisfies z.ZodType<Verification>;

export type VerificationDocumentMatchesDomain = Proven<SameShape<z.output<typeof VerificationDocument>, Verification>>;

/** `merchant_verifications/<merchantId>`: which KYB verification is the merchant's current one. */
export const MerchantVerificationPointerDocument = z.object({ verificationId: z.string(), updatedMs: z.number().int() });
