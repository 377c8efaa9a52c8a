import { PaymentEventTypeV1, PaymentEventV1 } from '../contracts/payment-events.v1';
import { monitorTransaction } from '../compliance/application/monitor-transactions.command';
import { recordFraudOutcome } from '../fraud/application/fraud-feedback.command';
import { emitMerchantEventFromDomain } from '../webhooks/application/emit-merchant-event.command';
import { HandlerOutcome } from '../payments/application/task-outcome';
import { consumesEventType, pubsubFunctions } from './function-catalogue';

// The subscription filter (from the catalogue) and each consumer's own type check must agree: a type
// the filter drops but the consumer acts on would silently never be handled in production.
const consumers: Record<string, (deps: never, event: PaymentEventV1) => Promise<HandlerOutcome>> = {
  'monitor-transactions': monitorTransaction,
  'record-fraud-outcome': recordFraudOutcome,
  'emit-merchant-events': emitMerchantEventFromDomain,
};

// Data complete enough that no consumer stops early for a missing field: only the type decides.
const eventOf = (type: PaymentEventV1['type']): PaymentEventV1 => ({
  id: 'evt_1', type, time: '2024-05-01T10:00:00.000Z', subject: 'pay_1',
  data: {
    payment_id: 'pay_1', merchant_id: 'acct_1', livemode: false, refund_id: 're_1', gate: 'fraud', amount: 1_000, currency: 'usd', code: 'card_declined', authorization_id: 'auth_1',
    // an authorised payment waiting for its capture: the merchant events make the most of it
    object: { id: 'pay_1', object: 'payment', status: 'requires_capture' },
  },
});

/** Whether the consumer reaches for any dependency for this event, i.e. acts on its type. */
async function actsOn(consumer: (deps: never, event: PaymentEventV1) => Promise<HandlerOutcome>, type: PaymentEventV1['type']): Promise<boolean> {
  let touched = false;
  const tripwire = new Proxy(
    {},
    {
      get: () => {
        touched = true;
        throw new Error('tripwire');
      },
    },
  ) as never;
  await consumer(tripwire, eventOf(type)).catch(() => undefined);
  return touched;
}

describe('Pub/Sub consumers and their subscription filters', () => {
  it.each(pubsubFunctions().map((spec) => [spec.name, spec] as const))('%s acts on exactly the event types its filter delivers', async (name, spec) => {
    const consumer = consumers[name];
    expect(consumer).toBeDefined();
    const acted: string[] = [];
    for (const type of PaymentEventTypeV1.options) if (await actsOn(consumer, type)) acted.push(type);

    expect(acted.sort()).toEqual([...spec.eventTypes].sort());
    expect(PaymentEventTypeV1.options.filter((type) => consumesEventType(spec, type)).sort()).toEqual(acted.sort());
  });
});
