import type { Request, Response } from '@google-cloud/functions-framework';
import { z } from 'zod';
import { done, HandlerOutcome } from '../../payments/application/task-outcome';
import { createLogger } from '../../shared/logger';
import { InvalidStoredDocumentError } from '../adapters/stored-document';
import { taskFunction, TaskDeps } from './task-handler';

type DeadLetter = { source: string; messageId: string; reason: string; payload: unknown };
const Payload = z.object({ payment_id: z.string() });

async function deliver(body: unknown, run: () => Promise<HandlerOutcome>) {
  const deadLetters: DeadLetter[] = [];
  const deps = () => ({ deadLetters: { record: async (entry: DeadLetter) => void deadLetters.push(entry) }, log: createLogger({}, () => undefined) }) as TaskDeps;
  const sent: { status?: number; body?: unknown } = {};
  const res = { status: (code: number) => ((sent.status = code), res), json: (b: unknown) => ((sent.body = b), res) } as unknown as Response;
  const headers: Record<string, string> = { 'x-cloudtasks-taskname': 'authorize-pay_1', 'x-cloudtasks-taskretrycount': '0' };
  const req = { body, get: (name: string) => headers[name.toLowerCase()] } as unknown as Request;
  await taskFunction('authorize-payment', Payload, deps, run)(req, res);
  return { sent, deadLetters };
}

describe('taskFunction (Cloud Tasks handler)', () => {
  it('given a valid payload handled by the command, then it answers 200 with the outcome', async () => {
    const { sent, deadLetters } = await deliver({ payment_id: 'pay_1' }, async () => done('authorized'));
    expect(sent).toEqual({ status: 200, body: done('authorized') });
    expect(deadLetters).toEqual([]);
  });

  it('given an invalid payload, then it answers 200 (no retry) and records a dead letter', async () => {
    const { sent, deadLetters } = await deliver({ payment: 1 }, async () => done());
    expect(sent.status).toBe(200);
    expect(deadLetters).toEqual([expect.objectContaining({ source: 'authorize-payment', messageId: 'authorize-pay_1', reason: expect.stringContaining('invalid_payload') })]);
  });

  it('given a transient failure, then it answers 503 so that Cloud Tasks retries, and records nothing', async () => {
    const { sent, deadLetters } = await deliver({ payment_id: 'pay_1' }, async () => {
      throw new Error('UNAVAILABLE');
    });
    expect(sent.status).toBe(503);
    expect(deadLetters).toEqual([]);
  });

  it('given a stored document that does not match its schema, then it answers 200 and records a dead letter instead of retrying forever', async () => {
    const { sent, deadLetters } = await deliver({ payment_id: 'pay_1' }, async () => {
      throw new InvalidStoredDocumentError('payments', 'pay_1', ['status: invalid_value']);
    });
    expect(sent).toEqual({ status: 200, body: { outcome: 'dropped', reason: 'unfit_data' } });
    expect(deadLetters).toEqual([expect.objectContaining({ reason: expect.stringContaining('payments/pay_1'), payload: { payment_id: 'pay_1' } })]);
  });
});
