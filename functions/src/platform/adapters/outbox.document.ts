import { z } from 'zod';
import { PaymentEventV1 } from '../../contracts/payment-events.v1';

export const OutboxDocument = z.object({
  event: PaymentEventV1,
  orderingKey: z.string(),
  status: z.enum(['pending', 'sent']),
  createdMs: z.number().int(),
});

export type OutboxDocument = z.infer<typeof OutboxDocument>;

export const outboxDocument = (event: PaymentEventV1): OutboxDocument => ({
  event,
  orderingKey: event.subject,
  status: 'pending',
  createdMs: Date.parse(event.time),
});
