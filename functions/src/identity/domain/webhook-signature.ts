import { createHmac, timingSafeEqual } from 'node:crypto';
import { err, ok, Result } from '../../shared/result';

// The vendor signs `<unix seconds>.<raw body>` with HMAC-SHA256 and sends
// `Identity-Vendor-Signature: t=<unix seconds>,v1=<hex>`. The timestamp is signed too, so an old
// delivery cannot be replayed with a fresh time. The MAC covers the body's bytes as received, never
// a decoding of them: two bodies that decode to the same text (invalid UTF-8 becomes U+FFFD) are
// different messages. Several secrets may be valid at once while the vendor rotates its secret
// (the header may also carry one v1 per secret); any valid pair passes.
export const SIGNATURE_HEADER = 'identity-vendor-signature';
export const SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;

export type SignatureError = 'signature_missing' | 'signature_malformed' | 'signature_mismatch' | 'timestamp_outside_tolerance';

export function signWebhook(rawBody: Uint8Array | string, secret: string, atMs: number): string {
  const t = String(Math.floor(atMs / 1000));
  return `t=${t},v1=${hmac(t, rawBody, secret).toString('hex')}`;
}

export function verifyWebhookSignature(header: string | undefined, rawBody: Uint8Array | string, secrets: string | readonly string[], nowMs: number): Result<{ timestampMs: number }, SignatureError> {
  if (!header) return err('signature_missing');
  const parts = header.split(',').map((p) => p.trim().split('=', 2) as [string, string | undefined]);
  const t = parts.find(([name]) => name === 't')?.[1];
  const signatures = parts.filter(([name]) => name === 'v1').map(([, value]) => value ?? '');
  if (!t || !/^\d{1,12}$/.test(t) || signatures.length === 0 || signatures.length > 4 || !signatures.every((v) => /^[0-9a-f]{64}$/.test(v))) return err('signature_malformed');
  const keys = (typeof secrets === 'string' ? [secrets] : secrets).filter((secret) => secret.length > 0);
  const matched = keys.some((secret) => {
    const expected = hmac(t, rawBody, secret);
    return signatures.some((v1) => timingSafeEqual(expected, Buffer.from(v1, 'hex')));
  });
  if (!matched) return err('signature_mismatch');
  const timestampMs = Number(t) * 1000;
  // Also refuses timestamps from the future beyond the tolerance (clock skew is allowed for).
  if (Math.abs(nowMs - timestampMs) > SIGNATURE_TOLERANCE_MS) return err('timestamp_outside_tolerance');
  return ok({ timestampMs });
}

const hmac = (t: string, rawBody: Uint8Array | string, secret: string): Buffer =>
  createHmac('sha256', secret).update(`${t}.`, 'utf8').update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody).digest();
