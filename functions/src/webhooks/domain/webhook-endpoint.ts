// A merchant's webhook endpoint, per mode. Its signing secrets are kept sealed (envelope encryption):
// the domain never holds a secret in clear, only the sealed form the adapters store.

/** A sealed secret: the identity context's envelope (a wrapped data key and the AES-GCM field). */
export interface SealedSecret {
  readonly kekId: string;
  readonly wrappedKey: string;
  readonly fields: Readonly<Record<string, { readonly iv: string; readonly ciphertext: string; readonly tag: string }>>;
}

export type EndpointStatus = 'enabled' | 'disabled';
export type DisabledReason = 'merchant' | 'failing';

export interface WebhookEndpoint {
  readonly id: string; // we_…
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly url: string;
  /** Event-type patterns: exact types, `<group>.*` or `*` (contracts/merchant-events.v1.ts EventTypePattern). */
  readonly enabledEvents: readonly string[];
  readonly description: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly status: EndpointStatus;
  readonly disabledReason: DisabledReason | null;
  readonly apiVersion: string;
  readonly createdMs: number;
  readonly updatedMs: number;
  /** The secret that signs now. */
  readonly secret: SealedSecret;
  /** After a rotation: the old secret, which also signs until previousSecretExpiresMs. */
  readonly previousSecret: SealedSecret | null;
  readonly previousSecretExpiresMs: number | null;
}

/** Whether an event of this type goes to an endpoint subscribed with these patterns. */
export function matchesEventType(patterns: readonly string[], type: string): boolean {
  return patterns.some((pattern) => pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))));
}

/** An endpoint takes deliveries when it is enabled and subscribed to the type. */
export const receives = (endpoint: WebhookEndpoint, type: string): boolean => endpoint.status === 'enabled' && matchesEventType(endpoint.enabledEvents, type);

/** The secrets that sign a delivery at `nowMs`: the current one, and the previous one until it expires (Standard Webhooks allows several signatures). */
export function signingSecrets(endpoint: WebhookEndpoint, nowMs: number): SealedSecret[] {
  const previousValid = endpoint.previousSecret !== null && endpoint.previousSecretExpiresMs !== null && nowMs < endpoint.previousSecretExpiresMs;
  return previousValid ? [endpoint.secret, endpoint.previousSecret!] : [endpoint.secret];
}

/** How many endpoints a merchant may have per mode (Stripe's limit): the fan-out per event is bounded. */
export const MAX_ENDPOINTS_PER_MODE = 16;

/** Lists show the newest endpoint first (ties by id, so pages are stable). */
export const newestFirst = (a: WebhookEndpoint, b: WebhookEndpoint): number => b.createdMs - a.createdMs || (a.id < b.id ? 1 : -1);
