import type { ApiKeyScope } from '../../shared/merchant-access';
import { newId, randomToken, sha256Hex } from '../../shared/ids';

// Keys carry 190 bits of randomness, so a plain SHA-256 is a safe one-way store: there is no
// dictionary to try, and the lookup stays a single document read. `sk_` is a secret key (the whole
// merchant API), `rk_` a restricted key (only its scopes); the mode is in the prefix.
const KEY_FORMAT = /^(sk|rk)_(test|live)_[0-9A-Za-z]{32}$/;

export type ApiKeyKind = 'secret' | 'restricted';

export interface ApiKeyRecord {
  /** `key_…`: how the API and the audit log name a key without revealing it. */
  readonly id: string;
  readonly keyHash: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly kind: ApiKeyKind;
  /** A restricted key's scopes; empty for a secret key. */
  readonly scopes: readonly ApiKeyScope[];
  readonly name: string | null;
  /** The first characters, to tell keys apart in a dashboard without revealing them. */
  readonly prefix: string;
  readonly last4: string;
  readonly revoked: boolean;
  /** Set by a roll: the key works until then, then never again. */
  readonly expiresMs: number | null;
  readonly createdMs: number;
}

export type ApiKeyStatus = 'active' | 'expiring' | 'expired' | 'revoked';

export const generateApiKey = (kind: ApiKeyKind, livemode: boolean): string => `${kind === 'secret' ? 'sk' : 'rk'}_${livemode ? 'live' : 'test'}_${randomToken(32)}`;
export const generateSecretKey = (livemode: boolean): string => generateApiKey('secret', livemode);

export const hashApiKey = (secretKey: string): string => sha256Hex(secretKey);

export const looksLikeApiKey = (value: string): boolean => KEY_FORMAT.test(value);

export function newApiKeyRecord(
  secretKey: string,
  merchantId: string,
  nowMs: number,
  options: { scopes?: readonly ApiKeyScope[]; name?: string | null } = {},
): ApiKeyRecord {
  return {
    id: newId('key'),
    keyHash: hashApiKey(secretKey),
    merchantId,
    livemode: secretKey.slice(3, 8) === 'live_',
    kind: secretKey.startsWith('rk_') ? 'restricted' : 'secret',
    scopes: secretKey.startsWith('rk_') ? [...(options.scopes ?? [])] : [],
    name: options.name ?? null,
    prefix: secretKey.slice(0, 12),
    last4: secretKey.slice(-4),
    revoked: false,
    expiresMs: null,
    createdMs: nowMs,
  };
}

export function apiKeyStatus(key: ApiKeyRecord, nowMs: number): ApiKeyStatus {
  if (key.revoked) return 'revoked';
  if (key.expiresMs === null) return 'active';
  return key.expiresMs > nowMs ? 'expiring' : 'expired';
}

/** A key authenticates while it is neither revoked nor past the end a roll gave it. */
export const apiKeyWorks = (key: ApiKeyRecord, nowMs: number): boolean => {
  const status = apiKeyStatus(key, nowMs);
  return status === 'active' || status === 'expiring';
};

/** Roll: the old key keeps working for `overlapMs` (0: stops now), never longer than it already would. */
export function expireForRoll(key: ApiKeyRecord, nowMs: number, overlapMs: number): ApiKeyRecord {
  const end = nowMs + overlapMs;
  return { ...key, expiresMs: key.expiresMs === null ? end : Math.min(key.expiresMs, end) };
}

export const revokeKey = (key: ApiKeyRecord): ApiKeyRecord => ({ ...key, revoked: true });
