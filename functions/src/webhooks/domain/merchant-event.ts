// A merchant-visible event, as stored. Its id is the domain event's id, so one domain event can
// become at most one merchant event, however often the topic delivers it.
export interface MerchantEvent {
  readonly id: string; // evt_…
  readonly merchantId: string;
  readonly livemode: boolean;
  /** One of the merchant event types (contracts/merchant-events.v1.ts MERCHANT_EVENT_TYPES_V1). */
  readonly type: string;
  readonly apiVersion: string;
  /** When the change happened (the domain event's time). */
  readonly createdMs: number;
  /** The API object at that moment. */
  readonly object: Readonly<Record<string, unknown>>;
  readonly previousAttributes: Readonly<Record<string, unknown>> | null;
  /** The endpoints it was addressed to when it was made (enabled and subscribed then). */
  readonly endpointIds: readonly string[];
  /** The endpoints that have not yet answered 2xx. */
  readonly pendingEndpointIds: readonly string[];
}

/** Events are kept 30 days (a Firestore TTL on `expires_at`, set in Terraform). */
export const EVENT_RETENTION_MS = 30 * 24 * 3600 * 1000;
