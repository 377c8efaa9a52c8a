import { createHmac } from 'node:crypto';
import { DEVELOPMENT_HASH_PEPPER, isDeployed, onEmulator } from './runtime-environment';

// The one way personal identifiers (e-mail addresses, IP addresses, device ids) become lookup keys:
// HMAC-SHA256 under a secret key (HASH_PEPPER: Secret Manager in production). A plain SHA-256 of an
// e-mail or an IPv4 address is reversed by hashing every candidate (all 2^32 IPv4 addresses take
// minutes); without the key, the stored ids reveal nothing. The purpose is part of the message, so
// an e-mail key never equals an IP key of the same text.
let cached: string | undefined;

/** The hash key: HASH_PEPPER, or the public development value on the emulator and in unit tests only. */
export function hashPepperFrom(env: Readonly<Record<string, string | undefined>>): string {
  if (env.HASH_PEPPER) return env.HASH_PEPPER;
  if (!isDeployed(env) && (onEmulator(env) || !!env.JEST_WORKER_ID)) return DEVELOPMENT_HASH_PEPPER;
  throw new Error('HASH_PEPPER must be set: personal identifiers are hashed with a secret key');
}

export function keyedHashWith(pepper: string, purpose: string, value: string): string {
  return createHmac('sha256', pepper).update(`${purpose}:${value}`, 'utf8').digest('hex');
}

/**
 * Sets this process's hash key; functions/src/index.ts does it at cold start with the configured
 * HASH_PEPPER (null: none is configured, so hashing refuses).
 */
export function installHashPepper(pepper: string | null): void {
  installed = pepper === null ? { missing: true } : { pepper };
  cached = undefined;
}
let installed: { pepper: string } | { missing: true } | undefined;

/** HMAC-SHA256 hex of `<purpose>:<value>` under this process's hash key. */
export function keyedHash(purpose: string, value: string): string {
  if (installed && 'missing' in installed) throw new Error('HASH_PEPPER must be set: personal identifiers are hashed with a secret key');
  // Why the environment is still read here: pure domain code (fraud velocity buckets, AML customer
  // keys) calls this function, and code that runs outside a deployed function (unit tests, the
  // bench, scripts) never goes through index.ts. The same rule applies: HASH_PEPPER, or the public
  // development key only on the emulator or under jest.
  cached ??= installed?.pepper ?? hashPepperFrom(process.env);
  return keyedHashWith(cached, purpose, value);
}
