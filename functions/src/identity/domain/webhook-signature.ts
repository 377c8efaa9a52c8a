import { createHmac, timingSafeEqual } from 'node:crypto';
import { err, ok, Result } from '../../shared/result';

// The vendor signs `<unix seconds>.<raw body>` with HMAC-SHA256 and sends
// `Identity-Vendor-Signature: t=<unix seconds>,v1=<hex>`. The timestamp is signed too, so an old
// delivery cannot be replayed with a fresh time.
export const SIGNATURE_HEADER = 'identity-vendor-signature';
export const SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;

export type SignatureError = 'signature_missing' | 'signature_malformed' | 'signature_mismatch' | 'timestamp_outside_tolerance';

export function signWebhook(rawBody: string, secret: string, atMs: number): string {
  const t = Math.floor(atMs / 1000);
  return `t=${t},v1=${hmacHex(`${t}.${rawBody}`, secret)}`;
}

export function verifyWebhookSignature(header: string | undefined, rawBody: string, secret: string, nowMs: number): Result<{ timestampMs: number }, SignatureError> {
  if (!header) return err('signature_missing');
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = parts.get('t');
  const v1 = parts.get('v1');
  if (!t || !/^\d{1,12}$/.test(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return err('signature_malformed');
  const expected = Buffer.from(hmacHex(`${t}.${rawBody}`, secret), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) return err('signature_mismatch');
  const timestampMs = Number(t) * 1000;
  // Also refuses timestamps from the future beyond the tolerance (clock skew is allowed for).
  if (Math.abs(nowMs - timestampMs) > SIGNATURE_TOLERANCE_MS) return err('timestamp_outside_tolerance');
  return ok({ timestampMs });
}

const hmacHex = (payload: string, secret: string): string => createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
