import type { Request } from '@google-cloud/functions-framework';
import { z } from 'zod';
import { ApiError, invalidRequest, apiError } from '../../shared/api-error';
import { containsCardNumber, containsCardNumberInValue } from '../../shared/card-number-guard';
import { bodyTooLarge, MAX_BODY_BYTES } from './body-limit';
import { err, ok, Result } from '../../shared/result';
import { jsonParseFailed } from './tolerant-json-body';

const cardRefused = (): ApiError =>
  invalidRequest('card_number_not_allowed', 'Raw card numbers must not be sent to this API. Use a payment method token (pm_...).');

// Infrastructure headers in their documented format carry decimal span ids that may be Luhn-valid
// by chance; a value outside that format is scanned like any other header.
const WELL_FORMED_TRACE: Readonly<Record<string, RegExp>> = {
  'x-cloud-trace-context': /^[0-9a-f]{32}(\/\d{1,20})?(;o=[01])?$/i,
  traceparent: /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/i,
};
const CREDENTIAL_HEADERS = new Set(['authorization', 'x-forwarded-authorization']);

/** A card number anywhere in the request: raw body, parsed body (unescaped, keys too), URL, query, headers. */
export function requestHoldsCardNumber(req: Request): boolean {
  if (containsCardNumber(req.rawBody?.toString('utf8') ?? '')) return true;
  if (req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body) && containsCardNumberInValue(req.body)) return true;
  if (typeof req.body === 'string' && containsCardNumber(req.body)) return true;
  if (containsCardNumber(safeDecode(req.originalUrl ?? req.url ?? '')) || containsCardNumberInValue(req.query ?? {})) return true;
  return Object.entries(req.headers).some(([name, value]) => {
    if (CREDENTIAL_HEADERS.has(name) || value === undefined) return false;
    const values = Array.isArray(value) ? value : [String(value)];
    return values.some((v) => !WELL_FORMED_TRACE[name]?.test(v) && containsCardNumber(v));
  });
}

/** Everything about the raw request that must hold before any field is read. */
export function guardRawRequest(req: Request, expectsBody: boolean): Result<void, ApiError> {
  const raw = req.rawBody?.toString('utf8') ?? '';
  if (requestHoldsCardNumber(req)) return err(cardRefused());
  // The body parser refuses larger bodies before reading them (body-limit.ts); this is the backstop.
  if ((req.rawBody?.length ?? 0) > MAX_BODY_BYTES) return err(bodyTooLarge());
  if (!expectsBody) return ok(undefined);
  // A body is judged by what was sent, not by what a parser kept: a text/plain body leaves no rawBody.
  const sentBody = raw.length > 0 || Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (sentBody && !/^application\/json\b/i.test(req.get('content-type') ?? '')) {
    return err(apiError(415, 'invalid_request_error', 'unsupported_media_type', 'Request bodies must be JSON, sent with Content-Type: application/json.'));
  }
  if (jsonParseFailed(req)) return err(invalidRequest('invalid_json', 'The request body is not valid JSON.'));
  return ok(undefined);
}

export function parseWith<T extends z.ZodType>(schema: T, input: unknown): Result<z.infer<T>, ApiError> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const param = paramOf(issue);
  const message = issue.code === 'unrecognized_keys' ? `Received unknown parameter: ${issue.keys.join(', ')}` : `${param ? `${param}: ` : ''}${issue.message}`;
  const code = issue.code === 'unrecognized_keys' ? 'parameter_unknown' : issue.code === 'invalid_type' && issue.input === undefined ? 'parameter_missing' : 'parameter_invalid';
  return err(invalidRequest(code, message, param));
}

// Stripe-style parameter names: customer[email], metadata[key].
function paramOf(issue: z.core.$ZodIssue): string | undefined {
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  if (path.length === 0) return undefined;
  const [head, ...rest] = path.map(String);
  return head + rest.map((p) => `[${p}]`).join('');
}

/** An empty body arrives as {} (JSON) or as an empty Buffer (no content type). */
export const bodyOf = (req: Request): unknown => (Buffer.isBuffer(req.body) || req.body === undefined || req.body === '' ? {} : req.body);

// A malformed percent-escape must not turn a bad request into a 500.
function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
