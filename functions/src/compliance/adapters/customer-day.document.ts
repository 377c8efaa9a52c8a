import { z } from 'zod';
import { CustomerDay } from '../domain/customer-activity';
import { Proven, SameShape } from '../../platform/adapters/stored-document';

/** `aml_customer_days/<customerKey>_<day>`: one customer's activity on one UTC day. */
export const CustomerDayDocument = z.object({
  customerKey: z.string(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  totalUsdCents: z.number().int(),
  paymentCount: z.number().int().nonnegative(),
  nearThreshold: z.array(z.object({ paymentId: z.string(), amountUsdCents: z.number().int(), atMs: z.number().int() })),
}) satisfies z.ZodType<CustomerDay>;

export type CustomerDayDocumentMatchesDomain = Proven<SameShape<z.output<typeof CustomerDayDocument>, CustomerDay>>;
