import type { Request, Response } from '@google-cloud/functions-framework';
import { HttpRoute } from '../../catalogue/function-catalogue';
import { createLogger } from '../../shared/logger';
import { rateLimited } from '../../shared/api-error';
import { err } from '../../shared/result';
import { httpShell, replyOf, Reply } from './http-shell';

const route = { method: 'POST', path: '/v1/things', summary: 'Make a thing', successStatus: 201 } as HttpRoute;

function exchange(run: () => Promise<Reply>, headers: Record<string, string> = {}) {
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger({}, (line) => void lines.push(JSON.parse(line)));
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const res = {
    set: (name: string, value: string) => ((sent.headers[name] = value), res),
    status: (code: number) => ((sent.status = code), res),
    json: (body: unknown) => ((sent.body = body), res),
  } as unknown as Response;
  const req = { get: (name: string) => headers[name.toLowerCase()] } as unknown as Request;
  const fn = httpShell(route, () => ({ log, projectId: 'demo' }), run);
  return { done: Promise.resolve(fn(req, res)), sent, lines };
}

describe('HTTP shell', () => {
  it('given a reply, then it is sent with a request id and one log line carrying the trace', async () => {
    const { done, sent, lines } = exchange(async () => ({ status: 201, body: { id: 'thing_1' } }), { 'x-cloud-trace-context': 'abc123/1;o=1' });
    await done;
    expect(sent).toMatchObject({ status: 201, body: { id: 'thing_1' } });
    expect(sent.headers['Request-Id']).toMatch(/^req_/);
    expect(sent.headers['Idempotent-Replayed']).toBeUndefined();
    expect(lines).toEqual([expect.objectContaining({ message: 'request handled', status: 201, request_id: sent.headers['Request-Id'], 'logging.googleapis.com/trace': 'projects/demo/traces/abc123' })]);
  });

  it('given a replayed reply, then the Idempotent-Replayed header is set', async () => {
    const { done, sent } = exchange(async () => ({ status: 400, body: { error: {} }, replayed: true }));
    await done;
    expect(sent.headers['Idempotent-Replayed']).toBe('true');
  });

  it('given an unexpected error, then a 500 names the request id, shows no detail and the log line keeps the error', async () => {
    const { done, sent, lines } = exchange(async () => {
      throw new Error('boom at secret place');
    });
    await done;
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({ error: expect.objectContaining({ type: 'api_error', code: 'internal_error', message: expect.stringContaining(sent.headers['Request-Id']) }) });
    expect(JSON.stringify(sent.body)).not.toContain('boom');
    expect(lines[0]).toMatchObject({ severity: 'ERROR', message: 'unexpected error' });
  });

  it('given a transaction aborted by contention, then the answer is a 409 worth retrying, logged as a warning', async () => {
    const { done, sent, lines } = exchange(async () => {
      throw Object.assign(new Error('Transaction lock timeout'), { code: 10 });
    });
    await done;
    expect(sent.status).toBe(409);
    expect(sent.body).toEqual({ error: expect.objectContaining({ code: 'lock_timeout' }) });
    expect(lines[0]).toMatchObject({ severity: 'WARNING', message: 'contention: transaction aborted' });
  });

  it('given a rate-limit error, then the answer is a 429 with Retry-After in whole seconds', async () => {
    const { done, sent } = exchange(async () => replyOf(route, err(rateLimited('rate_limited', 'Slow down.', 12.2))));
    await done;
    expect(sent).toMatchObject({ status: 429, body: { error: { type: 'rate_limit_error', code: 'rate_limited' } } });
    expect(sent.headers['Retry-After']).toBe('13');
  });
});
