import { InMemoryProcessorGateway } from './processor.memory-gateway';
import { ProcessorByMode } from './processor.by-mode';

const request = (livemode: boolean) => ({ livemode, idempotencyKey: 'auth_pay_1', token: 'pm_card_visa', amount: 1000, currency: 'usd', reference: 'pay_1' });

describe('a processor client per mode, chosen by the payment', () => {
  it('given a test payment, then only the test processor is called; a live payment only the live one', async () => {
    const test = new InMemoryProcessorGateway();
    const live = new InMemoryProcessorGateway();
    const processor = new ProcessorByMode({ test, live });
    await processor.authorize(request(false));
    expect(test.calls).toHaveLength(1);
    expect(live.calls).toEqual([]);
    await processor.authorize(request(true));
    await processor.refund({ livemode: true, idempotencyKey: 'refund_re_1', captureId: 'cap_1', amount: 5 });
    expect(live.calls.map((c) => c.method)).toEqual(['authorize', 'refund']);
    expect(test.calls).toHaveLength(1);
  });

  it('given no live configuration, then a live payment fails permanently with livemode_unavailable and the test processor never sees it', async () => {
    const test = new InMemoryProcessorGateway();
    const processor = new ProcessorByMode({ test, live: null });
    expect(await processor.authorize(request(true))).toEqual({ approved: false, code: 'livemode_unavailable', message: expect.stringContaining('Live payments are not enabled') });
    expect(await processor.capture({ livemode: true, idempotencyKey: 'cap_pay_1', authorizationId: 'auth_1', amount: 1 })).toMatchObject({ captured: false, code: 'livemode_unavailable' });
    expect(await processor.void({ livemode: true, idempotencyKey: 'void_pay_1', authorizationId: 'auth_1' })).toEqual({ voided: false, code: 'livemode_unavailable' });
    expect(await processor.refund({ livemode: true, idempotencyKey: 'refund_re_1', captureId: 'cap_1', amount: 1 })).toEqual({ refunded: false, code: 'livemode_unavailable' });
    expect(test.calls).toEqual([]);
  });
});
