import type { IncomingMessage, ServerResponse } from 'node:http';
import { declaredTooLarge, MAX_BODY_BYTES, refuseTooLargeBody } from './body-limit';

// The Functions Framework parses every body (JSON, text, form, raw) before our code runs, with a
// limit of 1 GB: an unauthenticated 20 MB POST would cost over 100 MB of heap before any check. Its
// parsers are wrapped here, before the framework builds its server:
// - a body over MAX_BODY_BYTES is answered 413 `body_too_large` at once: from Content-Length before a
//   byte is read, and while streaming (chunked or a lying length) as soon as the count passes the
//   limit; the rest is dropped unread into no buffer (bounded, see body-limit.ts);
// - a malformed JSON body would be answered by Express with an HTML 400; it becomes a flag on the
//   request that the API handler answers with our error object.
const FLAG = Symbol.for('payments.jsonParseFailed');
const PARSERS = ['json', 'text', 'urlencoded', 'raw'] as const;
let installed = false;

type Next = (error?: unknown) => void;
type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;
type BodyParserModule = Record<(typeof PARSERS)[number], (options?: Record<string, unknown>) => Middleware>;

export function installRequestBodyParsers(): void {
  if (installed) return;
  installed = true;
  const path = require.resolve('body-parser', { paths: [require.resolve('@google-cloud/functions-framework')] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bodyParser = require(path) as BodyParserModule;
  for (const kind of PARSERS) {
    const original = bodyParser[kind];
    bodyParser[kind] = (options) => limitedParser(original({ ...options, limit: MAX_BODY_BYTES }), kind === 'json');
  }
}

/** Wraps one body parser with the early 413 and, for JSON, the tolerant parse failure. */
export function limitedParser(parse: Middleware, tolerateJsonErrors: boolean): Middleware {
  return (req, res, next) => {
    if (declaredTooLarge(req.headers['content-length'])) return refuseTooLargeBody(req, res);
    let received = 0;
    let refused = false;
    let settled = false;
    const count = (chunk: Buffer | string) => {
      received += chunk.length;
      if (received > MAX_BODY_BYTES && !refused) {
        refused = true;
        req.off('data', count);
        refuseTooLargeBody(req, res);
      }
    };
    parse(req, res, (error?: unknown) => {
      settled = true;
      req.off('data', count);
      if (refused || res.headersSent) return; // already answered 413
      const type = (error as { type?: string } | undefined)?.type;
      if (type === 'entity.too.large') return refuseTooLargeBody(req, res);
      if (tolerateJsonErrors && type === 'entity.parse.failed') {
        (req as unknown as Record<symbol, boolean>)[FLAG] = true;
        return next();
      }
      return next(error);
    });
    // Only the parser that took the request reads it asynchronously; one that skipped it has
    // already called back, and counting then would consume a body meant for the next parser.
    if (!settled) req.on('data', count);
  };
}

export const jsonParseFailed = (req: object): boolean => (req as Record<symbol, boolean>)[FLAG] === true;
