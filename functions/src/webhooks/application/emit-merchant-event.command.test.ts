import { createLogger } from '../../shared/logger';
import { MERCHANT, paymentSucceeded, webhooksHarness } from '../testing/webhooks-harness';
import { emitMerchantEventFromDomain } from './emit-merchant-event.command';

describe('merchant events from domain events', () => {
  it('given a domain event delivered twice by Pub/Sub, then one merchant event with the same id and one task per endpoint, by name', async () => {
    // given two endpoints that take payment events
    const h = webhooksHarness();
    const a = await h.createEndpoint(MERCHANT, { url: 'https://hooks.shop.example/a', enabled_events: ['payment.succeeded'] });
    const b = await h.createEndpoint(MERCHANT, { url: 'https://other.shop.example/b', enabled_events: ['*'] });

    // when the same domain event arrives twice
    await h.emit(paymentSucceeded());
    await h.emit(paymentSucceeded());

    // then one event, addressed to both, and the second fan-out added no task
    expect([...h.events.events.keys()]).toEqual(['evt_succeeded_1']);
    expect(h.events.events.get('evt_succeeded_1')).toMatchObject({ type: 'payment.succeeded', object: { id: 'pay_1', status: 'succeeded' }, pendingEndpointIds: expect.arrayContaining([a.ok && a.value.id, b.ok && b.value.id]) });
    expect(h.tasks.tasks.map((t) => t.name).sort()).toEqual([`whd-evt_succeeded_1-${a.ok && a.value.id}`, `whd-evt_succeeded_1-${b.ok && b.value.id}`].sort());
  });

  it('given endpoints of another merchant, of the other mode, disabled or not subscribed, then none of them is addressed', async () => {
    const h = webhooksHarness();
    await h.createEndpoint({ merchantId: 'acct_other', livemode: false }, { url: 'https://hooks.shop.example/other', enabled_events: ['*'] });
    await h.createEndpoint({ ...MERCHANT, livemode: true }, { url: 'https://hooks.shop.example/live', enabled_events: ['*'] });
    await h.createEndpoint(MERCHANT, { url: 'https://hooks.shop.example/refunds', enabled_events: ['refund.*'] });
    const disabled = await h.createEndpoint(MERCHANT, { url: 'https://hooks.shop.example/off', enabled_events: ['*'] });
    if (!disabled.ok) throw new Error('not created');
    h.endpoints.endpoints.set(disabled.value.id, { ...(await h.endpoints.getById(disabled.value.id))!, status: 'disabled', disabledReason: 'merchant' });

    await h.emit(paymentSucceeded());

    expect(h.events.events.get('evt_succeeded_1')?.endpointIds).toEqual([]);
    expect(h.tasks.tasks).toEqual([]);
  });

  it('given the fan-out fails to reach Cloud Tasks, then it throws (Pub/Sub redelivers) and the redelivery completes it without a second event', async () => {
    const h = webhooksHarness();
    await h.createEndpoint(MERCHANT, { url: 'https://hooks.shop.example/a', enabled_events: ['*'] });
    h.tasks.failWith();
    await expect(h.emit(paymentSucceeded())).rejects.toThrow('cloud tasks unavailable');
    h.tasks.recover();

    await h.emit(paymentSucceeded());

    expect(h.events.events.size).toBe(1);
    expect(h.tasks.tasks).toHaveLength(1);
  });

  it.each([
    ['the chain\'s internal capture request', { ...paymentSucceeded(), type: 'payment.capture_requested' as const }],
    ['an event without its object snapshot', { ...paymentSucceeded(), data: { ...paymentSucceeded().data, object: undefined } }],
    ['an event without its mode', { ...paymentSucceeded(), data: { ...paymentSucceeded().data, livemode: undefined } }],
  ])('given %s, then no merchant event, acked and logged by id and type', async (_name, wire) => {
    const h = webhooksHarness();
    await h.createEndpoint(MERCHANT, { url: 'https://hooks.shop.example/a', enabled_events: ['*'] });
    const lines: string[] = [];
    expect(await emitMerchantEventFromDomain({ ...h.deps, log: createLogger({}, (line) => lines.push(line)) }, wire)).toMatchObject({ kind: 'done' });
    expect(h.events.events.size).toBe(0);
    expect(h.tasks.tasks).toEqual([]);
    // an event that is simply not merchant-visible is not worth a line; one that lost its snapshot or mode is
    const expected = wire.type === 'payment.capture_requested' ? [] : [expect.objectContaining({ severity: 'INFO', event: wire.id, type: wire.type, reason: expect.any(String) })];
    expect(lines.map((line) => JSON.parse(line))).toEqual(expected);
    expect(lines.join('')).not.toContain('pay_1');
  });
});
