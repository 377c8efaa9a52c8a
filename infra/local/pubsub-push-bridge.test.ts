import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PubsubFunctionSpec } from '../../functions/src/catalogue/function-catalogue';
import { PulledMessage, pushMessage, PushTarget } from './pubsub-push-bridge';

const spec: PubsubFunctionSpec = {
  name: 'monitor-transactions', entryPoint: 'monitorTransactions', trigger: 'pubsub', topic: 'payment-events', subscription: 'monitor-transactions',
  eventTypes: ['payment.succeeded', 'refund.succeeded'],
};

type Received = { headers: http.IncomingHttpHeaders; body: unknown };

// A stand-in function on loopback that records what it is sent and answers a fixed status.
async function fakeFunction(status: number) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(raw) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const target: PushTarget = { spec, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/monitor-transactions`, subscription: 'projects/demo/subscriptions/monitor-transactions' };
  const close = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  return { received, target, close };
}

function pulled(type: string, id = 'msg-1') {
  const settled: string[] = [];
  const message: PulledMessage = {
    id,
    data: Buffer.from('{"payment_id":"pay_1","merchant_id":"acct_1"}'),
    attributes: { 'ce-id': 'evt_1', 'ce-type': type, 'ce-specversion': '1.0' },
    publishTime: new Date('2024-05-01T10:00:00.000Z'),
    deliveryAttempt: 1,
    ack: () => void settled.push('ack'),
    nack: () => void settled.push('nack'),
  };
  return { message, settled };
}

describe('push bridge', () => {
  it('given a message of a type the function does not consume, then it is acknowledged and the function is never called', async () => {
    const fn = await fakeFunction(204);
    try {
      const { message, settled } = pulled('payment.created');
      expect(await pushMessage(message, fn.target, () => undefined)).toBe('filtered');
      expect(settled).toEqual(['ack']);
      expect(fn.received).toEqual([]);
    } finally {
      await fn.close();
    }
  });

  it('given a message the function consumes, then it POSTs exactly the push envelope (no ce- headers) and acknowledges on 2xx', async () => {
    const fn = await fakeFunction(204);
    try {
      const { message, settled } = pulled('payment.succeeded');
      expect(await pushMessage(message, fn.target, () => undefined)).toBe('delivered');
      expect(settled).toEqual(['ack']);
      expect(fn.received).toHaveLength(1);
      expect(fn.received[0].body).toEqual({
        message: { data: message.data.toString('base64'), attributes: message.attributes, messageId: 'msg-1', publishTime: '2024-05-01T10:00:00.000Z' },
        subscription: 'projects/demo/subscriptions/monitor-transactions',
      });
      expect(Object.keys(fn.received[0].headers).filter((h) => h.startsWith('ce-'))).toEqual([]);
    } finally {
      await fn.close();
    }
  });

  it('given the function answers 500, then the message is not acknowledged and is handed back for redelivery after the backoff', async () => {
    const fn = await fakeFunction(500);
    const warnings: object[] = [];
    // Only the bridge's backoff timer is faked; the HTTP exchange runs for real.
    jest.useFakeTimers({ doNotFake: ['Date', 'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval'] });
    try {
      const { message, settled } = pulled('refund.succeeded');
      expect(await pushMessage(message, fn.target, (line) => warnings.push(line))).toBe('redelivering');
      expect(settled).toEqual([]);
      expect(warnings).toEqual([expect.objectContaining({ severity: 'WARNING', message: 'event delivery failed; will redeliver' })]);
      jest.advanceTimersByTime(10_000);
      expect(settled).toEqual(['nack']);
    } finally {
      jest.useRealTimers();
      await fn.close();
    }
  });
  it('given the same message fails again, then the bridge waits longer before handing it back', async () => {
    const fn = await fakeFunction(500);
    jest.useFakeTimers({ doNotFake: ['Date', 'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval'] });
    try {
      const first = pulled('payment.succeeded', 'msg-retried');
      await pushMessage(first.message, fn.target, () => undefined);
      jest.advanceTimersByTime(200);
      expect(first.settled).toEqual(['nack']);

      const second = pulled('payment.succeeded', 'msg-retried');
      await pushMessage(second.message, fn.target, () => undefined);
      jest.advanceTimersByTime(200);
      expect(second.settled).toEqual([]);
      jest.advanceTimersByTime(200);
      expect(second.settled).toEqual(['nack']);
    } finally {
      jest.useRealTimers();
      await fn.close();
    }
  });
});
