import { z } from 'zod';
import { PaymentEventV1 } from '../../contracts/payment-events.v1';

// One outbox document per commit, holding every event that commit recorded: a step that announces
// two facts costs one write (and one mark), not two.
export const OutboxDocument = z.object({
  events: z.array(PaymentEventV1).min(1),
  orderingKey: z.string(),
  status: z.enum(['pending', 'sent']),
  createdMs: z.number().int(),
});

export type OutboxDocument = z.infer<typeof OutboxDocument>;

/** The document id: the commit's first event id, unique like every event id. */
export const outboxEntryId = (events: readonly PaymentEventV1[]): string => events[0].id;

export const outboxDocument = (events: readonly PaymentEventV1[]): OutboxDocument => ({
  events: [...events],
  orderingKey: events[0].subject,
  status: 'pending',
  createdMs: Date.parse(events[0].time),
});
