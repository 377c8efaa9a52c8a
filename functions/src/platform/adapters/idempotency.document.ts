import { z } from 'zod';
import { IdempotencyRecord } from '../application/idempotency';

// Keys are scoped to the merchant; the key itself is hashed so a merchant's key never sits in clear.
export const idempotencyDocId = (merchantId: string, keyHash: string): string => `${merchantId}_${keyHash}`;

export const IdempotencyDocument = z
  .object({
    merchantId: z.string(),
    keyHash: z.string(),
    requestHash: z.string(),
    path: z.string(),
    status: z.number().int(),
    body: z.string(),
    createdMs: z.number().int(),
    expiresMs: z.number().int(),
  })
  .transform((doc): IdempotencyRecord => ({ ...doc, body: JSON.parse(doc.body) as unknown }));
