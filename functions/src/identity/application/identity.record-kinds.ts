import { z } from 'zod';
import { recordKind } from '../../shared/context-record';
import { IDENTITY_COLLECTIONS } from './verification.repository';

// Identity documents a KYB request commits through the merchant API's transaction (with the
// request's idempotency record): record kinds of the identity context, see shared/context-record.ts.
// The adapters read the same documents back with these schemas (verification.document.ts).

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
export const VerificationSchema = z.object({
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
});

/** `merchant_verifications/<mode>_<merchantId>`: which KYB verification is the merchant's current one. */
export const MerchantVerificationPointerSchema = z.object({ verificationId: z.string(), updatedMs: z.number().int() });

/** A new verification; the identity repository updates it later (set). */
export const VERIFICATION = recordKind({ name: 'verification', collection: IDENTITY_COLLECTIONS.verifications, schema: VerificationSchema, write: 'set' });
/** Moves to the merchant's newest KYB verification (set). */
export const MERCHANT_VERIFICATION_POINTER = recordKind({
  name: 'merchant_verification_pointer',
  collection: IDENTITY_COLLECTIONS.merchantVerifications,
  schema: MerchantVerificationPointerSchema,
  write: 'set',
});
