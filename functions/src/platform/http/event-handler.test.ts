import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { PaymentEventV1, toPubsubAttributes } from '../../contracts/payment-events.v1';
import { done, dropped, HandlerOutcome } from '../../payments/application/task-outcome';
import { createLogger } from '../../shared/logger';
import { InvalidStoredDocumentError } from '../adapters/stored-document';
import { eventFunction, EventDeps } from './event-handler';

type DeadLetter = { source: string; messageId: string; reason: string; payload: unknown };

const event: PaymentEventV1 = {
  id: 'evt_1', type: 'payment.failed', time: '2024-05-01T10:00:00.000Z', subject: 'pay_1', data: { payment_id: 'pay_1', merchant_id: 'acct_1', code: 'card_declined' },
};

// Exactly what a Pub/Sub push subscription POSTs.
const pushEnvelope = (e: PaymentEventV1) => ({
  message: { data: Buffer.from(JSON.stringify(e.data)).toString('base64'), attributes: toPubsubAttributes(e), messageId: 'msg-42', publishTime: '2024-05-01T10:00:01.000Z' },
  subscription: 'projects/demo/subscriptions/record-fraud-outcome',
});

// Served through the Functions Framework, as in production, so the status codes are the framework's too.
let registered = 0;
async function serve(run: (event: PaymentEventV1) => Promise<HandlerOutcome>) {
  const deadLetters: DeadLetter[] = [];
  const received: PaymentEventV1[] = [];
  const deps = (): EventDeps => ({ deadLetters: { record: async (entry) => void deadLetters.push(entry) }, log: createLogger({}, () => undefined) });
  const name = `eventHandlerTest${++registered}`;
  functions.http(name, eventFunction('record-fraud-outcome', deps, (e) => (received.push(e), run(e))));
  const server: Server = getTestServer(name);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const post = async (body: unknown) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await response.arrayBuffer();
    return response.status;
  };
  const close = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  return { post, close, deadLetters, received };
}

describe('eventFunction (Pub/Sub push handler)', () => {
  it('given a valid push envelope, when the command handles it, then it answers 204 and the command saw the event', async () => {
    const fn = await serve(async () => done());
    try {
      expect(await fn.post(pushEnvelope(event))).toBe(204);
      expect(fn.received).toEqual([event]);
      expect(fn.deadLetters).toEqual([]);
    } finally {
      await fn.close();
    }
  });

  it('given an envelope without the CloudEvent attributes, then it answers 204 (no redelivery) and records a dead letter', async () => {
    const fn = await serve(async () => done());
    try {
      const malformed = { message: { data: 'e30=', attributes: { foo: 'bar' }, messageId: 'msg-7' }, subscription: 'projects/demo/subscriptions/x' };
      expect(await fn.post(malformed)).toBe(204);
      expect(await fn.post({ not: 'an envelope' })).toBe(204);
      expect(fn.received).toEqual([]);
      expect(fn.deadLetters).toEqual([
        { source: 'record-fraud-outcome', messageId: 'msg-7', reason: 'missing_cloudevent_attributes', payload: malformed },
        { source: 'record-fraud-outcome', messageId: 'unknown', reason: 'not_a_pubsub_message', payload: { not: 'an envelope' } },
      ]);
    } finally {
      await fn.close();
    }
  });

  it('given a command that drops the event, then it answers 204 and records the reason as a dead letter', async () => {
    const fn = await serve(async () => dropped('payment_not_found'));
    try {
      expect(await fn.post(pushEnvelope(event))).toBe(204);
      expect(fn.deadLetters).toEqual([{ source: 'record-fraud-outcome', messageId: 'evt_1', reason: 'payment_not_found', payload: event }]);
    } finally {
      await fn.close();
    }
  });

  it('given a transient failure in the command, then it answers 500 so Pub/Sub redelivers, and records no dead letter', async () => {
    const fn = await serve(async () => {
      throw new Error('firestore unavailable');
    });
    // The framework prints the crash; the status code is the observable outcome here.
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await fn.post(pushEnvelope(event))).toBe(500);
      expect(fn.deadLetters).toEqual([]);
    } finally {
      quiet.mockRestore();
      await fn.close();
    }
  });
  it('given a stored document that does not match its schema, then it answers 204 (a retry fails the same way) and records a dead letter', async () => {
    const fn = await serve(async () => {
      throw new InvalidStoredDocumentError('payments', 'pay_1', ['amount: invalid_type (expected number)']);
    });
    try {
      expect(await fn.post(pushEnvelope(event))).toBe(204);
      expect(fn.deadLetters).toEqual([expect.objectContaining({ source: 'record-fraud-outcome', messageId: 'evt_1', reason: expect.stringContaining('payments/pay_1') })]);
    } finally {
      await fn.close();
    }
  });
});
