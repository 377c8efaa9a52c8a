// One HTTP attempt to deliver one event to one endpoint. Every attempt is recorded, kept as long as its event.
export type DeliveryError = 'timeout' | 'connection_error' | 'http_status' | 'redirect' | 'address_refused' | 'endpoint_disabled';

export interface DeliveryAttempt {
  readonly id: string; // wha_…
  readonly eventId: string;
  readonly endpointId: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly attemptedAtMs: number;
  readonly outcome: 'succeeded' | 'failed';
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: DeliveryError | null;
  /** At most 1 KB of the response body. */
  readonly responseBody: string | null;
  readonly trigger: 'automatic' | 'redeliver';
}

/** An endpoint's delivery health, kept in its own small document and written only when it changes. */
export interface EndpointHealth {
  readonly endpointId: string;
  /** Since when every delivery has failed; null once one succeeds. */
  readonly failingSinceMs: number | null;
  readonly lastFailureMs: number | null;
  readonly consecutiveFailures: number;
}

/** An endpoint that has failed every delivery for this long is disabled (Stripe: 3 days). */
export const DISABLE_AFTER_FAILING_MS = 3 * 24 * 3600 * 1000;
/** Retries stop after this long (the queue's max retry duration). */
export const RETRY_FOR_MS = 3 * 24 * 3600 * 1000;
