import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, apiError, errorBody } from '../../shared/api-error';

/** Every route's request body limit: the largest valid API body is a few kilobytes. */
export const MAX_BODY_BYTES = 64 * 1024;

export const bodyTooLarge = (): ApiError => apiError(413, 'invalid_request_error', 'body_too_large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);

/** The 413 answer as bytes, for servers that are not Express (the local API gateway). */
export const bodyTooLargeJson = (): string => JSON.stringify(errorBody(bodyTooLarge()));

/** A declared Content-Length above the limit (an unparsable one is left to the body parser). */
export function declaredTooLarge(contentLength: string | undefined): boolean {
  if (contentLength === undefined || !/^\d+$/.test(contentLength.trim())) return false;
  return Number(contentLength) > MAX_BODY_BYTES;
}

// After a 413 the rest of the body is read and dropped (no heap: nothing is kept), so that the
// client, still writing, gets the answer instead of a reset. That is bounded: past the platform's
// own request cap (32 MB) or 10 s the connection is cut.
const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024;
const DRAIN_MS = 10_000;

/** Answers 413 `body_too_large` now and discards whatever the client still sends, within bounds. */
export function refuseTooLargeBody(req: IncomingMessage, res: ServerResponse): void {
  if (res.headersSent) return;
  res.writeHead(413, { 'content-type': 'application/json; charset=utf-8' });
  res.end(bodyTooLargeJson());
  let drained = 0;
  const timer = setTimeout(() => req.destroy(), DRAIN_MS).unref();
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  req.on('data', (chunk: Buffer | string) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) {
      clearTimeout(timer);
      req.destroy();
    }
  });
  req.resume();
}
