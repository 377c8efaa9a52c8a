import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendJson } from '../sandbox-processor/http-json';

// The sandbox bank's request schemas and small HTTP helpers, apart from its routes and state.

/** A scripted fault (`POST /__admin/faults`) for the next `times` POSTs to /v1/transfers. */
export const FaultRequest = z
  .object({
    status: z.number().int().min(400).max(599),
    code: z.string().min(1),
    times: z.number().int().positive().default(1),
    /** The transfer is made, the answer is lost: a retry under the same key must find it. */
    after_processing: z.boolean().default(false),
  })
  .strict();
export type Fault = z.infer<typeof FaultRequest>;

export const Currency = z.string().regex(/^[a-z]{3}$/, { error: 'must be a lower-case ISO 4217 code' });
export const Amount = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const TransferRequest = z
  .object({ amount: Amount, currency: Currency, destination: z.string().min(1).max(100), reference: z.string().min(1).max(255) })
  .strict();
export const IncomingRequest = z
  .object({
    amount: Amount,
    currency: Currency,
    reference: z.string().min(1).max(255),
    livemode: z.boolean(),
    /** Defaults to today (the bank's clock); lets a processor pay a given day's settlement. */
    value_date: z.iso.date().optional(),
  })
  .strict();

export const errorBody = (code: string, message: string) => ({ error: { code, message } });
export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const MAX_KEY_LENGTH = 255;

export function credentialRefusal(authorization: string | undefined, mode: 'test' | 'live', optional: boolean): { status: number; code: string; message: string } | null {
  if (authorization === undefined && optional) return null;
  const key = /^Bearer sk_(test|live)_\S+$/.exec(authorization ?? '');
  if (!key) return { status: 401, code: 'missing_api_key', message: 'Send Authorization: Bearer sk_test_… or sk_live_…' };
  if (key[1] !== mode) return { status: 403, code: 'livemode_mismatch', message: `This is the ${mode}-mode bank; a ${key[1]} key cannot use it` };
  return null;
}

export function notAllowed(res: ServerResponse, method: string, path: string, allow: string): void {
  sendJson(res, 405, errorBody('method_not_allowed', `${method} not allowed on ${path}`), { allow });
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
}
