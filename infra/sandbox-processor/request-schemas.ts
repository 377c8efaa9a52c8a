import { code as currencyByCode } from 'currency-codes';
import { z } from 'zod';

const minorUnits = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

// Lower-case on the wire, like the processors this imitates; the ISO list is upper-case.
const currency = z
  .string()
  .regex(/^[a-z]{3}$/, 'currency must be a lower-case three-letter code')
  .refine((value) => currencyByCode(value.toUpperCase()) !== undefined, 'currency is not an ISO 4217 code');

export const authorizationRequest = z.object({
  token: z.string().min(1).max(200),
  amount: minorUnits,
  currency,
  reference: z.string().min(1).max(200).optional(),
});

export const captureRequest = z.object({ amount: minorUnits });

export const voidRequest = z.object({});

export const refundRequest = z.object({
  capture: z.string().min(1).max(200),
  amount: minorUnits,
  /** The merchant's own id of the refund; the settlement report shows it as merchant_reference. */
  reference: z.string().min(1).max(200).optional(),
});

export type AuthorizationRequest = z.infer<typeof authorizationRequest>;
export type CaptureRequest = z.infer<typeof captureRequest>;
export type RefundRequest = z.infer<typeof refundRequest>;

/** One readable line from a zod failure, naming the offending field. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
