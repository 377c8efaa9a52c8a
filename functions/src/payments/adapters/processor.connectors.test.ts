import type { ProcessorConnector } from '../application/processor-connector';
import { ConnectorProcessorGateway } from './processor.connectors';

/** A connector that records what reached it and answers as its processor would, synchronously or later. */
function recordingConnector(name: ProcessorConnector['name'], later = false) {
  const calls: string[] = [];
  const outcome = (ref: string) => (later ? { status: 'pending' as const, processorReference: ref } : { status: 'succeeded' as const, processorReference: ref });
  const connector: ProcessorConnector = {
    name,
    authorize: async () => (calls.push('authorize'), { approved: true, authorizationId: `${name}_auth`, card: { brand: 'visa', last4: '4242', country: 'us', fingerprint: 'fp' } }),
    capture: async () => (calls.push('capture'), outcome(`${name}_cap`)),
    void: async () => (calls.push('void'), outcome(`${name}_void`)),
    refund: async () => (calls.push('refund'), outcome(`${name}_re`)),
    lookup: async () => (calls.push('lookup'), { found: false }),
    respondToDispute: async () => (calls.push('respondToDispute'), { status: 'accepted' }),
    parseNotification: () => ({ ok: false, reason: 'malformed' }),
  };
  return { connector, calls };
}

const authorize = (processor: 'sandbox_processor' | 'euro_acquirer', livemode: boolean) => ({ processor, livemode, idempotencyKey: 'auth_pay_1', token: 'pm_card_visa', amount: 1000, currency: 'usd', reference: 'pay_1' });
const capture = (processor: 'sandbox_processor' | 'euro_acquirer', livemode: boolean) => ({ processor, livemode, idempotencyKey: 'cap_pay_1', authorizationId: 'a', amount: 1000, currency: 'usd', reference: 'pay_1' });

describe('the processors of each mode, chosen by the payment', () => {
  it('given a test payment, then only test connectors are called; a live payment only live ones, each the processor named', async () => {
    const test = recordingConnector('sandbox_processor');
    const live = recordingConnector('sandbox_processor');
    const liveAcquirer = recordingConnector('euro_acquirer', true);
    const gateway = new ConnectorProcessorGateway({ test: { sandbox_processor: test.connector }, live: { sandbox_processor: live.connector, euro_acquirer: liveAcquirer.connector } });
    await gateway.authorize(authorize('sandbox_processor', false));
    expect([test.calls, live.calls]).toEqual([['authorize'], []]);
    await gateway.authorize(authorize('euro_acquirer', true));
    expect(await gateway.capture(capture('euro_acquirer', true))).toEqual({ pending: true, captureId: 'euro_acquirer_cap' });
    expect(await gateway.capture(capture('sandbox_processor', true))).toEqual({ captured: true, captureId: 'sandbox_processor_cap' });
    expect(liveAcquirer.calls).toEqual(['authorize', 'capture']);
    expect(test.calls).toEqual(['authorize']);
    expect([gateway.processors(false), gateway.processors(true)]).toEqual([['sandbox_processor'], ['sandbox_processor', 'euro_acquirer']]);
  });

  it('given no live configuration, then a live payment fails permanently with livemode_unavailable and no test connector sees it', async () => {
    const test = recordingConnector('sandbox_processor');
    const gateway = new ConnectorProcessorGateway({ test: { sandbox_processor: test.connector }, live: null });
    expect(await gateway.authorize(authorize('sandbox_processor', true))).toEqual({ approved: false, code: 'livemode_unavailable', message: expect.stringContaining('Live payments are not enabled') });
    expect(await gateway.capture(capture('sandbox_processor', true))).toMatchObject({ captured: false, code: 'livemode_unavailable' });
    expect(await gateway.void({ processor: 'sandbox_processor', livemode: true, idempotencyKey: 'void_pay_1', authorizationId: 'a', reference: 'pay_1' })).toEqual({ voided: false, code: 'livemode_unavailable' });
    expect(await gateway.refund({ processor: 'sandbox_processor', livemode: true, idempotencyKey: 'refund_re_1', authorizationId: 'a', captureId: 'c', amount: 1, currency: 'usd', reference: 're_1' })).toEqual({ refunded: false, code: 'livemode_unavailable' });
    expect(test.calls).toEqual([]);
  });

  it('given a processor not configured in the payment\'s mode, then it is refused, never sent to another', async () => {
    const test = recordingConnector('sandbox_processor');
    const gateway = new ConnectorProcessorGateway({ test: { sandbox_processor: test.connector }, live: null });
    expect(await gateway.authorize(authorize('euro_acquirer', false))).toMatchObject({ approved: false, code: 'processor_not_configured' });
    expect(test.calls).toEqual([]);
  });
});
