import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { parseJson, readBody, sendJson } from '../sandbox-processor/http-json';
import { midRateOn, usdPerUnitOn, utcDay } from './sandbox-rates';

export interface SandboxFxOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** How long a quote stays valid (default 60 s). */
  quoteTtlMs?: number;
  /** The sandbox's clock (tests move it to expire quotes or change the day's drift). */
  now?: () => number;
}

export interface SandboxFx {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_QUOTE_TTL_MS = 60_000;
/** Expired quotes are kept this long for 410 answers, then forgotten (memory stays bounded). */
const FORGET_AFTER_MS = 10 * 60_000;
const MAX_QUOTES = 100_000;

type Mode = 'test' | 'live';

interface StoredQuote {
  id: string;
  from: string;
  to: string;
  midRate: number;
  createdMs: number;
  expiresAtMs: number;
  mode: Mode;
}

/**
 * A scripted misbehaviour (`POST /__admin/faults`) for the next `times` quote requests: an error
 * status, a held answer, an answer already expired, or an answer for the wrong currency pair.
 */
const FaultRequest = z
  .object({
    kind: z.enum(['error', 'hang', 'expired', 'mismatched_pair', 'garbage']),
    status: z.number().int().min(400).max(599).default(503),
    code: z.string().min(1).default('injected_fault'),
    hang_ms: z.number().int().positive().default(5_000),
    times: z.number().int().positive().default(1),
  })
  .strict();
type Fault = z.infer<typeof FaultRequest>;

const Code = z.string().regex(/^[a-z]{3}$/, { error: 'must be a lower-case ISO 4217 code' });
const QuoteRequest = z.object({ from: Code, to: Code }).strict();

const errorBody = (code: string, message: string, param?: string) => ({ error: param === undefined ? { code, message } : { code, message, param } });

/**
 * Starts the sandbox FX provider: firm quotes (`POST /v1/quotes`) at the reference rates with a
 * deterministic daily drift, each valid `quoteTtlMs`. One instance serves both modes: the API key's
 * prefix (`sk_test_…` / `sk_live_…`) is the quote's mode, and a quote is only visible to its own mode.
 */
export async function startSandboxFx(opts: SandboxFxOptions = {}): Promise<SandboxFx> {
  const host = opts.host ?? '127.0.0.1';
  const ttlMs = opts.quoteTtlMs ?? DEFAULT_QUOTE_TTL_MS;
  if (!Number.isInteger(ttlMs) || ttlMs < 0) throw new Error(`quoteTtlMs must be a non-negative integer, got ${ttlMs}`);
  const now = opts.now ?? Date.now;
  const quotes = new Map<string, StoredQuote>();
  const faults: Fault[] = [];
  const held = new Set<NodeJS.Timeout>();

  const forgetOld = (nowMs: number): void => {
    // Map iteration is insertion order, which is expiry order for one ttl: stop at the first one kept.
    for (const [id, quote] of quotes) {
      if (quote.expiresAtMs + FORGET_AFTER_MS > nowMs && quotes.size <= MAX_QUOTES) break;
      quotes.delete(id);
    }
  };

  const createQuote = async (req: IncomingMessage, res: ServerResponse, mode: Mode): Promise<void> => {
    const raw = await readBody(req);
    if (!raw.ok) return sendJson(res, 413, errorBody('payload_too_large', 'Request body over 1 MiB'));
    const json = parseJson(raw.text);
    if (!json.ok) return sendJson(res, 400, errorBody('invalid_request', 'Request body is not valid JSON'));
    const parsed = QuoteRequest.safeParse(json.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendJson(res, 400, errorBody('invalid_request', `${issue.path.join('.') || 'body'}: ${issue.message}`, issue.path.join('.') || undefined));
    }
    const { from, to } = parsed.data;
    if (from === to) return sendJson(res, 400, errorBody('invalid_request', 'from and to must differ', 'to'));
    const nowMs = now();
    const day = utcDay(nowMs);
    if (usdPerUnitOn(from, day) === undefined) return sendJson(res, 400, errorBody('unsupported_currency', `No rate for ${from}`, 'from'));
    if (usdPerUnitOn(to, day) === undefined) return sendJson(res, 400, errorBody('unsupported_currency', `No rate for ${to}`, 'to'));
    const midRate = midRateOn(from, to, day) as number;

    const fault = takeFault();
    if (fault?.kind === 'error') return sendJson(res, fault.status, errorBody(fault.code, 'Injected fault'));
    if (fault?.kind === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"id": "fxq_');
    }

    forgetOld(nowMs);
    const quote: StoredQuote = {
      id: `fxq_${randomBytes(12).toString('hex')}`,
      from: fault?.kind === 'mismatched_pair' ? to : from,
      to: fault?.kind === 'mismatched_pair' ? from : to,
      midRate: fault?.kind === 'mismatched_pair' ? Number((1 / midRate).toPrecision(10)) : midRate,
      createdMs: nowMs,
      expiresAtMs: fault?.kind === 'expired' ? nowMs - 1_000 : nowMs + ttlMs,
      mode,
    };
    quotes.set(quote.id, quote);
    if (fault?.kind === 'hang') {
      const timer = setTimeout(() => {
        held.delete(timer);
        sendJson(res, 200, present(quote));
      }, fault.hang_ms);
      held.add(timer);
      res.on('close', () => {
        clearTimeout(timer);
        held.delete(timer);
      });
      return;
    }
    sendJson(res, 200, present(quote));
  };

  const getQuote = (res: ServerResponse, id: string, mode: Mode): void => {
    const quote = quotes.get(id);
    // A quote of the other mode does not exist for this key: test and live never see each other's.
    if (quote === undefined || quote.mode !== mode) return sendJson(res, 404, errorBody('resource_missing', `No such quote: ${id}`));
    if (quote.expiresAtMs <= now()) return sendJson(res, 410, errorBody('quote_expired', `Quote ${id} expired`));
    sendJson(res, 200, present(quote));
  };

  const takeFault = (): Fault | undefined => {
    const fault = faults[0];
    if (fault === undefined) return undefined;
    fault.times -= 1;
    if (fault.times <= 0) faults.shift();
    return fault;
  };

  const addFault = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const json = raw.ok ? parseJson(raw.text) : ({ ok: false } as const);
    const parsed = json.ok ? FaultRequest.safeParse(json.value) : null;
    if (!parsed?.success) return sendJson(res, 400, errorBody('invalid_request', 'Expected {kind: error|hang|expired|mismatched_pair|garbage, status?, code?, hang_ms?, times?}'));
    faults.push(parsed.data);
    sendJson(res, 200, { fault: parsed.data });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    if (path === '/__admin/faults' && method === 'POST') return addFault(req, res);
    if (path === '/__admin/reset' && method === 'POST') {
      faults.length = 0;
      quotes.clear();
      return sendJson(res, 200, { reset: true });
    }
    if (path === '/v1/quotes' || path.startsWith('/v1/quotes/')) {
      const mode = modeOfKey(headerValue(req, 'authorization'));
      if (mode === null) return sendJson(res, 401, errorBody('missing_api_key', 'Send Authorization: Bearer sk_test_… or sk_live_…'));
      if (path === '/v1/quotes') return method === 'POST' ? createQuote(req, res, mode) : notAllowed(res, method, path, 'POST');
      const id = path.slice('/v1/quotes/'.length);
      if (!/^fxq_[0-9a-f]+$/.test(id)) return sendJson(res, 404, errorBody('resource_missing', 'No such quote'));
      return method === 'GET' ? getQuote(res, id, mode) : notAllowed(res, method, path, 'GET');
    }
    sendJson(res, 404, errorBody('route_not_found', `No route ${path}`));
  };

  const server = createServer((req, res) => {
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of held) clearTimeout(timer);
        held.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would otherwise keep close() waiting for their idle timeout.
        server.closeAllConnections();
      }),
  };
}

/** The quote as the API shows it; `expires_at` is unix seconds rounded down, so a client never thinks it lives longer than it does. */
function present(quote: StoredQuote) {
  return {
    id: quote.id,
    object: 'fx_quote',
    from: quote.from,
    to: quote.to,
    mid_rate: quote.midRate,
    created: Math.floor(quote.createdMs / 1000),
    expires_at: Math.floor(quote.expiresAtMs / 1000),
    livemode: quote.mode === 'live',
  };
}

function notAllowed(res: ServerResponse, method: string, path: string, allow: string): void {
  sendJson(res, 405, errorBody('method_not_allowed', `${method} not allowed on ${path}`), { allow });
}

function modeOfKey(authorization: string | undefined): Mode | null {
  const key = /^Bearer sk_(test|live)_\S+$/.exec(authorization ?? '');
  return key ? (key[1] as Mode) : null;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
