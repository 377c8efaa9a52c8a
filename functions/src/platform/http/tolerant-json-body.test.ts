import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { MAX_BODY_BYTES } from './body-limit';
import { installRequestBodyParsers, jsonParseFailed } from './tolerant-json-body';

type Seen = { body: unknown; parseFailed: boolean };
type Answer = { status: number; body: string };

// The Functions Framework's own server, in process, with the parsers as production installs them.
let registered = 0;
async function serve() {
  installRequestBodyParsers();
  const seen: Seen[] = [];
  const name = `bodyLimitTest${++registered}`;
  functions.http(name, (req, res) => {
    seen.push({ body: req.body, parseFailed: jsonParseFailed(req) });
    res.status(200).json({ ok: true });
  });
  const server = getTestServer(name);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  return { port, seen, close };
}

/** Sends `total` bytes of a JSON string body in 16 KB chunks, chunked unless a length is given; stops writing once answered. */
function send(port: number, opts: { total: number; contentType?: string; declareLength?: boolean; raw?: string }): Promise<Answer & { written: number }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/json' };
    const payload = opts.raw !== undefined ? Buffer.from(opts.raw) : undefined;
    if (opts.declareLength) headers['content-length'] = String(payload?.length ?? opts.total);
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers });
    let written = 0;
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), written }));
    });
    req.on('error', (error) => (answered ? undefined : reject(error)));
    if (payload) return void req.end(payload);
    const chunk = Buffer.alloc(16 * 1024, 'x');
    const pump = () => {
      while (!answered && written < opts.total) {
        written += chunk.length;
        if (written === chunk.length) req.write('"');
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end('"');
    };
    pump();
  });
}

describe('request body parsers', () => {
  it('given a declared Content-Length over the limit, then 413 body_too_large comes back before the function runs', async () => {
    const fn = await serve();
    try {
      const answer = await send(fn.port, { total: 20 * 1024 * 1024, declareLength: true });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toEqual({ error: expect.objectContaining({ type: 'invalid_request_error', code: 'body_too_large' }) });
      expect(fn.seen).toEqual([]);
    } finally {
      await fn.close();
    }
  });

  it('given a chunked body that grows past the limit, then 413 comes back while it streams, long before 20 MB are sent', async () => {
    const fn = await serve();
    try {
      const answer = await send(fn.port, { total: 20 * 1024 * 1024 });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body).error.code).toBe('body_too_large');
      expect(answer.written).toBeLessThan(20 * 1024 * 1024);
      expect(fn.seen).toEqual([]);
    } finally {
      await fn.close();
    }
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream'])('given an oversized %s body, then it is refused the same way', async (contentType) => {
    const fn = await serve();
    try {
      expect((await send(fn.port, { total: 2 * MAX_BODY_BYTES, contentType })).status).toBe(413);
      expect(fn.seen).toEqual([]);
    } finally {
      await fn.close();
    }
  });

  it('given a body within the limit, then the function gets it parsed', async () => {
    const fn = await serve();
    try {
      const raw = JSON.stringify({ description: 'y'.repeat(MAX_BODY_BYTES - 100) });
      expect((await send(fn.port, { total: 0, raw, declareLength: true })).status).toBe(200);
      expect(fn.seen).toEqual([{ body: JSON.parse(raw), parseFailed: false }]);
    } finally {
      await fn.close();
    }
  });

  it('given malformed JSON, then the function runs and sees the parse failure flag (it answers with our error object)', async () => {
    const fn = await serve();
    try {
      expect((await send(fn.port, { total: 0, raw: '{"amount":', declareLength: true })).status).toBe(200);
      expect(fn.seen).toEqual([expect.objectContaining({ parseFailed: true })]);
    } finally {
      await fn.close();
    }
  });
});
