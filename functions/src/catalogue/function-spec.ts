import { z } from 'zod';
import { PaymentEventTypeV1 } from '../contracts/payment-events.v1';
import { QueueName } from '../contracts/payment-tasks.v1';
import type { RouteAuth } from './route-auth';
import type { AccessResource } from '../shared/merchant-access';

// The shape of a deployed function: the catalogue (function-catalogue.ts) and its parts (webhooks-functions.ts)
// are lists of these.
export interface HttpRoute {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string; // OpenAPI style: /v1/payments/{id}
  readonly summary: string;
  readonly successStatus: number;
  readonly request?: z.ZodType;
  readonly query?: z.ZodType;
  readonly response: z.ZodType;
  /** How the caller authenticates (catalogue/route-auth.ts): the shell runs that authenticator, OpenAPI shows it. */
  readonly auth: RouteAuth;
  /**
   * `merchant_key` routes: the resource it reads (GET) or writes (anything else). The caller's key
   * scopes or member role must allow it (shared/merchant-access.ts); OpenAPI lists the roles.
   */
  readonly resource?: AccessResource;
  /** false: the route takes no Idempotency-Key (it is idempotent by itself); OpenAPI leaves the header out. */
  readonly idempotencyKey?: false;
}

export interface RetryPolicy {
  /** -1: no limit on attempts (then maxRetryDurationSeconds bounds the retries). */
  readonly maxAttempts: number;
  readonly minBackoffSeconds: number;
  readonly maxBackoffSeconds: number;
  /** How many times the backoff doubles before it grows linearly (Cloud Tasks' max_doublings); 8 when unset. */
  readonly maxDoublings?: number;
  /** Retries stop once this long has passed since the first attempt (and maxAttempts is spent); unset, no limit. */
  readonly maxRetryDurationSeconds?: number;
}

export const DEFAULT_MAX_DOUBLINGS = 8;

export type PaymentEventType = z.infer<typeof PaymentEventTypeV1>;

export type FunctionSpec =
  | { readonly name: string; readonly entryPoint: string; readonly trigger: 'http'; readonly route: HttpRoute }
  // eventTypes: the only types its subscription delivers (the filter); the rest never invoke it.
  | { readonly name: string; readonly entryPoint: string; readonly trigger: 'pubsub'; readonly topic: string; readonly subscription: string; readonly eventTypes: readonly PaymentEventType[] }
  | { readonly name: string; readonly entryPoint: string; readonly trigger: 'task'; readonly queue: QueueName; readonly retry: RetryPolicy; readonly maxConcurrentDispatches: number }
  | { readonly name: string; readonly entryPoint: string; readonly trigger: 'schedule'; readonly schedule: string; readonly localEverySeconds: number };
