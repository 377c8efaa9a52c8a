import { PaymentEventTypeV1, toPubsubAttributes } from '../contracts/payment-events.v1';
import {
  consumedEventTypes, consumesEventType, EVENT_TYPE_ATTRIBUTE, FUNCTION_CATALOGUE, matchPath, PubsubFunctionSpec, pubsubFunctions, routeOf, subscriptionFilter,
} from './function-catalogue';

const spec = (eventTypes: PubsubFunctionSpec['eventTypes']): PubsubFunctionSpec => ({
  name: 'some-consumer', entryPoint: 'someConsumer', trigger: 'pubsub', topic: 'payment-events', subscription: 'some-consumer', eventTypes,
});

describe('function catalogue', () => {
  it('given a route pattern and a concrete path, then the parameters are extracted and decoded', () => {
    expect(matchPath('/v1/payments/{id}/capture', '/v1/payments/pay_123/capture')).toEqual({ id: 'pay_123' });
    expect(matchPath('/v1/payments/{id}', '/v1/payments/pay%5F1')).toEqual({ id: 'pay_1' });
  });

  it('given a path that does not fit or carries a malformed escape, then nothing matches (404, never 500)', () => {
    expect(matchPath('/v1/payments/{id}', '/v1/refunds/re_1')).toBeNull();
    expect(matchPath('/v1/payments/{id}', '/v1/payments/%E0%A4%A')).toBeNull();
  });

  it('names every function, entry point, route and queue once', () => {
    const names = FUNCTION_CATALOGUE.map((f) => f.name);
    const entryPoints = FUNCTION_CATALOGUE.map((f) => f.entryPoint);
    const routes = FUNCTION_CATALOGUE.flatMap((f) => (f.trigger === 'http' ? [`${f.route.method} ${f.route.path}`] : []));
    const queues = FUNCTION_CATALOGUE.flatMap((f) => (f.trigger === 'task' ? [f.queue] : []));
    for (const list of [names, entryPoints, routes, queues]) expect(new Set(list).size).toBe(list.length);
    expect(routeOf('createPayment')).toMatchObject({ method: 'POST', path: '/v1/payments' });
  });

  it('given the event types a function consumes, then its subscription filter selects exactly those on the ce-type attribute', () => {
    expect(subscriptionFilter(spec(['payment.failed']))).toBe('attributes."ce-type" = "payment.failed"');
    expect(subscriptionFilter(spec(['payment.succeeded', 'refund.succeeded']))).toBe('attributes."ce-type" = "payment.succeeded" OR attributes."ce-type" = "refund.succeeded"');
  });

  it('given a function that consumes nothing, then no filter is rendered (it would deliver nothing)', () => {
    expect(() => subscriptionFilter(spec([]))).toThrow(/consumes no event types/);
  });

  it('given every pubsub function in the catalogue, then its filter fits the 256 bytes Pub/Sub accepts', () => {
    for (const fn of pubsubFunctions()) expect(Buffer.byteLength(subscriptionFilter(fn))).toBeLessThanOrEqual(256);
  });

  it('given a message type, then a function consumes it only when the type is in its list (absent type: not consumed)', () => {
    const monitor = spec(['payment.succeeded', 'refund.succeeded']);
    expect(consumesEventType(monitor, 'refund.succeeded')).toBe(true);
    expect(consumesEventType(monitor, 'payment.created')).toBe(false);
    expect(consumesEventType(monitor, 'payment.succeeded.v2')).toBe(false);
    expect(consumesEventType(monitor, undefined)).toBe(false);
  });

  it('names the skipped types when that is shorter than the consumed ones (the merchant events)', () => {
    const all = PaymentEventTypeV1.options;
    expect(subscriptionFilter(spec(all.filter((type) => type !== 'payment.created')))).toBe('NOT (attributes."ce-type" = "payment.created")');
    expect(subscriptionFilter(spec([...all]))).toBe('');
  });

  it('filters on the attribute the relay sets, and every consumed type is one the relay can publish', () => {
    const event = { id: 'evt_1', type: 'payment.failed' as const, time: '2024-01-01T00:00:00Z', subject: 'pay_1', data: { payment_id: 'pay_1', merchant_id: 'acct_1' } };
    expect(toPubsubAttributes(event)[EVENT_TYPE_ATTRIBUTE]).toBe('payment.failed');
    for (const fn of pubsubFunctions()) {
      expect(fn.eventTypes.length).toBeGreaterThan(0);
      for (const type of fn.eventTypes) expect(PaymentEventTypeV1.options).toContain(type);
    }
  });

  it('publishes exactly the event types some consumer subscribes to: a new consumer brings its types in, an unread type costs nothing', () => {
    const consumed = consumedEventTypes();
    expect([...consumed].sort()).toEqual([...new Set(pubsubFunctions().flatMap((fn) => fn.eventTypes))].sort());
    expect(consumed.has('payment.succeeded') && consumed.has('refund.succeeded') && consumed.has('payment.failed')).toBe(true);
    // the merchant events take every type but the chain's internal capture request, which nobody reads
    expect(consumed.has('payment.created')).toBe(true);
    expect(consumed.has('payment.capture_requested')).toBe(false);
  });
});
