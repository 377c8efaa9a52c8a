import { z } from 'zod';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseJson, readBody, sendJson } from './http-json';
import { IdempotencyStore, type StoredResponse } from './idempotency.store';
import { ProcessorLedger } from './processor-ledger.store';
import { createRoutes, errorBody, type Route } from './processor.routes';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { ProcessingTimings } from './processing-timings';
export type { ProcessingTiming } from './processing-timings';
import { processorDisputes, type ProcessorDisputesOptions } from './processor-disputes';
import { dayBounds, netByCurrency, payDayNet, reportCsvRows, settlementReport } from './settlement-report';

export interface SandboxProcessorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** How long pm_card_timeout_once holds its first response; longer than any sane client timeout. */
  hangMs?: number;
  /** How many attempts per idempotency key pm_card_processor_error fails with 503 before approving. */
  errorAttempts?: number;
  /**
   * Which side of a processor this instance plays (default test). Every object it answers declares
   * `livemode`, and it refuses a credential of the other mode, as real processors keep test and
   * live apart by key. The local stack runs a second instance flagged live.
   */
  mode?: 'test' | 'live';
  /**
   * The platform's sandbox bank (of the same mode). When set, pulling the daily settlement report of a
   * day pays that day's net per currency into it (`POST <bankUrl>/v1/incoming`, reference
   * ps_<date>_<currency>). Unset: the report is served and nothing is paid.
   */
  bankUrl?: string;
  /** Dispute notifications: where, signed with what, and the scenario timings (processor-disputes.ts). */
  notificationUrl?: ProcessorDisputesOptions['notificationUrl'];
  notificationSecret?: string;
  disputeDelayMs?: number;
  disputeOutcomeDelayMs?: number;
}

/** A scripted fault (`POST /__admin/faults`): the next matching POSTs answer `status`/`code`. */
interface Fault {
  path?: string;
  idempotencyKey?: string;
  status: number;
  code: string;
  times: number;
  /** Process the request first (the effect happens, the answer is lost), like timeout-after-success. */
  afterProcessing: boolean;
}

export interface SandboxProcessor {
  url: string;
  port: number;
  mode: 'test' | 'live';
  /**
   * A maintenance stop (true): no new connection is accepted (ECONNREFUSED: the request never got here),
   * idle kept-alive ones are closed, requests already being served finish. false listens again on the same port.
   */
  setDown(down: boolean): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_HANG_MS = 5000;
export const DEFAULT_ERROR_ATTEMPTS = 3;
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** Starts the sandbox card processor: an in-memory imitation of a card processor's HTTP API. */
export async function startSandboxProcessor(opts: SandboxProcessorOptions = {}): Promise<SandboxProcessor> {
  const host = opts.host ?? '127.0.0.1';
  const hangMs = opts.hangMs ?? DEFAULT_HANG_MS;
  const mode = opts.mode ?? 'test';
  const idempotency = new IdempotencyStore();
  const faults: Fault[] = [];
  const ledger = new ProcessorLedger(Date.now, mode === 'live');
  // What each day's deposits paid so far, per `<date>_<currency>`.
  const depositsPaid = new Map<string, number>();
  // Part of each deposit's idempotency key, renewed by an admin reset (the bank still remembers older keys).
  let depositEpoch = randomBytes(6).toString('hex');
  const disputes = processorDisputes({ ...opts, mode }, ledger);
  const routes = [...createRoutes({ ledger, idempotency, errorAttempts: opts.errorAttempts ?? DEFAULT_ERROR_ATTEMPTS, onCaptured: disputes.captured }), ...disputes.routes];
  const held = new Map<ServerResponse, NodeJS.Timeout>();
  const timings = new ProcessingTimings();

  const hold = (res: ServerResponse, response: StoredResponse): void => {
    const timer = setTimeout(() => {
      held.delete(res);
      sendJson(res, response.status, response.body);
    }, hangMs);
    held.set(res, timer);
    // The client usually gives up first; stop the timer rather than write to a dead socket.
    res.on('close', () => {
      clearTimeout(timer);
      held.delete(res);
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    if (path === '/__admin/faults' && method === 'POST') return addFault(req, res);
    if (path === '/__admin/timings' && method === 'GET') return sendJson(res, 200, { calls: timings.list() });
    if (path === '/__admin/notifications' && method === 'GET') return sendJson(res, 200, { data: disputes.deliveries() });
    if (path.startsWith('/v1/')) {
      const refusal = credentialRefusal(headerValue(req, 'authorization'), method === 'POST', mode);
      if (refusal) return sendJson(res, refusal.status, errorBody(refusal.code, refusal.message));
    }
    if (path === '/v1/reports/settlement') return method === 'GET' ? sendSettlementReport(url, res) : sendJson(res, 405, errorBody('method_not_allowed', `${method} not allowed on ${path}`), { allow: 'GET' });
    const matching = routes.filter((route) => route.pattern.test(path));
    if (matching.length === 0) return sendJson(res, 404, errorBody('route_not_found', `No route ${path}`));
    const route = matching.find((candidate) => candidate.method === method);
    if (route === undefined) {
      const allow = [...new Set(matching.map((candidate) => candidate.method))].join(', ');
      return sendJson(res, 405, errorBody('method_not_allowed', `${method} not allowed on ${path}`), { allow });
    }
    const params = decodeParams(route.pattern.exec(path) ?? []);
    if (params === undefined) return sendJson(res, 400, errorBody('invalid_request', 'Malformed percent-encoding in path'));
    if (path === '/__admin/reset') {
      depositsPaid.clear();
      depositEpoch = randomBytes(6).toString('hex');
      faults.length = 0;
      timings.clear();
    }
    if (route.method === 'GET') {
      const result = route.handle({ params, body: undefined, idempotencyKey: '', query: url.searchParams });
      return sendJson(res, result.response.status, result.response.body);
    }
    await handlePost(route, path, params, req, res);
  };

  const handlePost = async (route: Route, path: string, params: string[], req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const key = headerValue(req, 'idempotency-key');
    if (route.requiresIdempotencyKey && (key === undefined || key === '')) {
      return sendJson(res, 400, errorBody('missing_idempotency_key', 'Every POST needs an Idempotency-Key header'));
    }
    if (key !== undefined && key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      return sendJson(res, 400, errorBody('invalid_request', 'Idempotency-Key is longer than 255 characters'));
    }
    const raw = await readBody(req);
    if (!raw.ok) return sendJson(res, 413, errorBody('payload_too_large', 'Request body over 1 MiB'));
    const body = parseJson(raw.text);
    if (!body.ok) return sendJson(res, 400, errorBody('invalid_request', 'Request body is not valid JSON'));
    if (!route.requiresIdempotencyKey || key === undefined) {
      const result = route.handle({ params, body: body.value, idempotencyKey: '' });
      return sendJson(res, result.response.status, result.response.body);
    }
    const fault = takeFault(path, key);
    if (fault && !fault.afterProcessing) return sendJson(res, fault.status, errorBody(fault.code, 'Injected fault'));
    const earlier = idempotency.lookup(key, 'POST', path, body.value);
    if (fault && earlier.kind !== 'new') return sendJson(res, fault.status, errorBody(fault.code, 'Injected fault'));
    if (earlier.kind === 'replay') return sendJson(res, earlier.response.status, earlier.response.body);
    if (earlier.kind === 'mismatch') {
      return sendJson(res, 422, errorBody('idempotency_mismatch', 'Idempotency-Key was already used with a different request'));
    }
    const result = route.handle({ params, body: body.value, idempotencyKey: key });
    // Remember before responding, so a retry racing a held response already sees the result.
    if (result.remember) idempotency.remember(key, 'POST', path, body.value, result.response);
    if (fault) return sendJson(res, fault.status, errorBody(fault.code, 'Injected fault after processing'));
    if (result.hold) return hold(res, result.response);
    sendJson(res, result.response.status, result.response.body);
  };

  // The day's report closes its batch: before answering, the processor pays the day's net (so far) into
  // the bank, so the statement a reconciliation reads next shows the deposit.
  const sendSettlementReport = async (url: URL, res: ServerResponse): Promise<void> => {
    const date = url.searchParams.get('date') ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return sendJson(res, 400, errorBody('invalid_request', 'date must be YYYY-MM-DD'));
    const { startMs, endMs } = dayBounds(date);
    const lines = settlementReport(ledger.settledBetween(startMs, endMs));
    if (opts.bankUrl !== undefined) {
      try {
        await payDayNet({ bankUrl: opts.bankUrl, livemode: mode === 'live', date, net: netByCurrency(lines), paid: depositsPaid, keyPrefix: depositEpoch });
      } catch (error) {
        return sendJson(res, 503, errorBody('processor_unavailable', `The day's deposit could not be paid yet: ${error instanceof Error ? error.message : String(error)}`));
      }
    }
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
    Readable.from(reportCsvRows(lines)).pipe(res);
  };

  const takeFault = (path: string, key: string): Fault | undefined => {
    const index = faults.findIndex((f) => (f.path === undefined || path.startsWith(f.path)) && (f.idempotencyKey === undefined || f.idempotencyKey === key));
    if (index < 0) return undefined;
    const fault = faults[index];
    fault.times -= 1;
    if (fault.times <= 0) faults.splice(index, 1);
    return fault;
  };

  const addFault = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const body = raw.ok ? parseJson(raw.text) : ({ ok: false } as const);
    const input = body.ok ? faultRequest.safeParse(body.value) : null;
    if (!input?.success) return sendJson(res, 400, errorBody('invalid_request', 'Expected {status, code, path?, idempotency_key?, times?, after_processing?}'));
    const { path, idempotency_key: idempotencyKey, status, code, times, after_processing: afterProcessing } = input.data;
    faults.push({ path, idempotencyKey, status, code, times, afterProcessing });
    sendJson(res, 200, { fault: input.data });
  };

  const server = createServer((req, res) => {
    timings.observe(req, res);
    handle(req, res).catch((error: unknown) => {
      sendJson(res, 500, errorBody('internal_error', error instanceof Error ? error.message : String(error)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    mode,
    setDown: async (down) => {
      if (down === !server.listening) return;
      if (!down) return new Promise<void>((resolve) => server.listen(port, host, () => resolve()));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        disputes.close();
        for (const [res, timer] of held) {
          clearTimeout(timer);
          res.destroy();
        }
        held.clear();
        if (!server.listening) {
          server.closeAllConnections();
          return resolve();
        }
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would otherwise keep close() waiting for their idle timeout.
        server.closeAllConnections();
      }),
  };
}

const faultRequest = z
  .object({
    path: z.string().startsWith('/').optional(),
    idempotency_key: z.string().min(1).optional(),
    status: z.number().int().min(400).max(599),
    code: z.string().min(1),
    times: z.number().int().positive().default(1),
    after_processing: z.boolean().default(false),
  })
  .strict();

/**
 * The API key's prefix carries the mode (`sk_test_…` / `sk_live_…`): a money-moving POST needs
 * one, and a key of the other mode is refused before anything happens.
 */
function credentialRefusal(authorization: string | undefined, required: boolean, mode: 'test' | 'live'): { status: number; code: string; message: string } | null {
  const key = /^Bearer (sk_(test|live)_\S+)$/.exec(authorization ?? '');
  if (!key) {
    if (authorization === undefined && !required) return null;
    return { status: 401, code: 'missing_api_key', message: 'Send Authorization: Bearer sk_test_… or sk_live_…' };
  }
  if (key[2] !== mode) return { status: 403, code: 'livemode_mismatch', message: `This is the ${mode}-mode processor; a ${key[2]} key cannot use it` };
  return null;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function decodeParams(match: RegExpExecArray | never[]): string[] | undefined {
  try {
    return match.slice(1).map((param) => decodeURIComponent(param));
  } catch {
    return undefined;
  }
}
