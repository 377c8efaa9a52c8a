import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { parseJson, readBody, sendJson } from '../sandbox-processor/http-json';
import { resultOf, scenarioOf } from './test-inputs';
import { Delivery, WebhookSender } from './webhook-sender';

export interface SandboxIdentityVendorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Signs the webhooks; shared with the backend (IDENTITY_VENDOR_WEBHOOK_SECRET). */
  webhookSecret: string;
  /** How long a doc_timeout subject's first request hangs; longer than any sane client timeout. */
  hangMs?: number;
  /** How many attempts per idempotency key a doc_error subject fails with 503. */
  errorAttempts?: number;
  /** How long after accepting a check its result webhook is sent. */
  webhookDelayMs?: number;
}

export interface SandboxIdentityVendor {
  url: string;
  port: number;
  deliveries(): readonly Delivery[];
  close(): Promise<void>;
}

interface Accepted {
  body: unknown;
  response: { id: string; status: 'processing'; reference: string };
}

const errorBody = (code: string, message: string) => ({ error: { code, message } });
const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/** Starts the sandbox identity vendor: accepts checks at once, answers later with a signed webhook. */
export async function startSandboxIdentityVendor(opts: SandboxIdentityVendorOptions): Promise<SandboxIdentityVendor> {
  const hangMs = opts.hangMs ?? 5000;
  const errorAttempts = opts.errorAttempts ?? 2;
  const sender = new WebhookSender({ secret: opts.webhookSecret, maxAttempts: 5, retryDelayMs: 200 });
  const accepted = new Map<string, Accepted>();
  const attempts = new Map<string, number>();
  const held = new Set<NodeJS.Timeout>();

  const createCheck = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key === '' || key.length > 255) return sendJson(res, 400, errorBody('missing_idempotency_key', 'Every POST needs an Idempotency-Key header (1-255 characters)'));
    const raw = await readBody(req);
    if (!raw.ok) return sendJson(res, 413, errorBody('payload_too_large', 'Request body over 1 MiB'));
    const parsed = parseJson(raw.text);
    const body = parsed.ok ? (parsed.value as Record<string, unknown>) : null;
    const subject = (body?.person ?? body?.business) as Record<string, unknown> | undefined;
    if (!body || typeof body.reference !== 'string' || typeof body.callback_url !== 'string' || !subject || typeof subject !== 'object') {
      return sendJson(res, 400, errorBody('invalid_request', 'Send {reference, person | business, callback_url}'));
    }
    const earlier = accepted.get(key);
    if (earlier) {
      if (!isDeepStrictEqual(earlier.body, body)) return sendJson(res, 422, errorBody('idempotency_mismatch', 'Idempotency-Key was already used with a different request'));
      return sendJson(res, 202, earlier.response);
    }
    const scenario = scenarioOf(subject);
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    if (scenario === 'error' && attempt <= errorAttempts) return sendJson(res, 503, errorBody('vendor_unavailable', 'Try again later'));

    const check: Accepted = { body, response: { id: id('chk'), status: 'processing', reference: body.reference } };
    // Remembered before answering, so a retry after a hung first response replays the same check.
    accepted.set(key, check);
    const { result, reasons } = resultOf(scenario);
    const event = { id: id('evt'), type: 'check.completed', created: Math.floor(Date.now() / 1000), data: { check_id: check.response.id, reference: body.reference, result, reasons } };
    sender.schedule(body.callback_url, event.id, event, opts.webhookDelayMs ?? 100);
    if (scenario === 'timeout' && attempt === 1) {
      const timer = setTimeout(() => {
        held.delete(timer);
        sendJson(res, 202, check.response);
      }, hangMs);
      held.add(timer);
      res.on('close', () => {
        clearTimeout(timer);
        held.delete(timer);
      });
      return;
    }
    sendJson(res, 202, check.response);
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    const run = async () => {
      if (path === '/v1/checks' && req.method === 'POST') return createCheck(req, res);
      // For tests and demos: what was sent where, and how the receiver answered.
      if (path === '/v1/deliveries' && req.method === 'GET') return sendJson(res, 200, { data: sender.deliveries });
      sendJson(res, 404, errorBody('route_not_found', `No route ${req.method} ${path}`));
    };
    run().catch((error: unknown) => sendJson(res, 500, errorBody('internal_error', String(error))));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    deliveries: () => sender.deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        sender.close();
        for (const timer of held) clearTimeout(timer);
        held.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
