import { randomToken, sha256Hex } from '../../shared/ids';

// Secret keys carry 190 bits of randomness, so a plain SHA-256 is a safe one-way store: there is
// no dictionary to try, and the lookup stays a single document read.
const KEY_FORMAT = /^sk_(test|live)_[0-9A-Za-z]{32}$/;

export interface ApiKeyRecord {
  readonly keyHash: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  /** The first characters, to tell keys apart in a dashboard without revealing them. */
  readonly prefix: string;
  readonly revoked: boolean;
  readonly createdMs: number;
}

export const generateSecretKey = (livemode: boolean): string => `sk_${livemode ? 'live' : 'test'}_${randomToken(32)}`;

export const hashApiKey = (secretKey: string): string => sha256Hex(secretKey);

export const looksLikeSecretKey = (value: string): boolean => KEY_FORMAT.test(value);

export function newApiKeyRecord(secretKey: string, merchantId: string, nowMs: number): ApiKeyRecord {
  return {
    keyHash: hashApiKey(secretKey),
    merchantId,
    livemode: secretKey.startsWith('sk_live_'),
    prefix: secretKey.slice(0, 12),
    revoked: false,
    createdMs: nowMs,
  };
}
