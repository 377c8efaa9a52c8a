import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseJson, readBody, sendJson } from './http-json';
import { IdempotencyStore, type StoredResponse } from './idempotency.store';
import { ProcessorLedger } from './processor-ledger.store';
import { createRoutes, errorBody, type Route } from './processor.routes';

export interface SandboxProcessorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** How long pm_card_timeout_once holds its first response; longer than any sane client timeout. */
  hangMs?: number;
  /** How many attempts per idempotency key pm_card_processor_error fails with 503 before approving. */
  errorAttempts?: number;
}

export interface SandboxProcessor {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_HANG_MS = 5000;
export const DEFAULT_ERROR_ATTEMPTS = 3;
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** Starts the sandbox card processor: an in-memory imitation of a card processor's HTTP API. */
export async function startSandboxProcessor(opts: SandboxProcessorOptions = {}): Promise<SandboxProcessor> {
  const host = opts.host ?? '127.0.0.1';
  const hangMs = opts.hangMs ?? DEFAULT_HANG_MS;
  const idempotency = new IdempotencyStore();
  const routes = createRoutes({
    ledger: new ProcessorLedger(),
    idempotency,
    errorAttempts: opts.errorAttempts ?? DEFAULT_ERROR_ATTEMPTS,
  });
  const held = new Map<ServerResponse, NodeJS.Timeout>();

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
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    const matching = routes.filter((route) => route.pattern.test(path));
    if (matching.length === 0) return sendJson(res, 404, errorBody('route_not_found', `No route ${path}`));
    const route = matching.find((candidate) => candidate.method === method);
    if (route === undefined) {
      const allow = [...new Set(matching.map((candidate) => candidate.method))].join(', ');
      return sendJson(res, 405, errorBody('method_not_allowed', `${method} not allowed on ${path}`), { allow });
    }
    const params = decodeParams(route.pattern.exec(path) ?? []);
    if (params === undefined) return sendJson(res, 400, errorBody('invalid_request', 'Malformed percent-encoding in path'));
    if (route.method === 'GET') {
      const result = route.handle({ params, body: undefined, idempotencyKey: '' });
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
    const earlier = idempotency.lookup(key, 'POST', path, body.value);
    if (earlier.kind === 'replay') return sendJson(res, earlier.response.status, earlier.response.body);
    if (earlier.kind === 'mismatch') {
      return sendJson(res, 422, errorBody('idempotency_mismatch', 'Idempotency-Key was already used with a different request'));
    }
    const result = route.handle({ params, body: body.value, idempotencyKey: key });
    // Remember before responding, so a retry racing a held response already sees the result.
    if (result.remember) idempotency.remember(key, 'POST', path, body.value, result.response);
    if (result.hold) return hold(res, result.response);
    sendJson(res, result.response.status, result.response.body);
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
        for (const [res, timer] of held) {
          clearTimeout(timer);
          res.destroy();
        }
        held.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would otherwise keep close() waiting for their idle timeout.
        server.closeAllConnections();
      }),
  };
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
