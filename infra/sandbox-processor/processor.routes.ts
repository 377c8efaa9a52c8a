import type { z } from 'zod';
import type { IdempotencyStore, StoredResponse } from './idempotency.store';
import type { Capture, Outcome, ProcessorLedger } from './processor-ledger.store';
import {
  authorizationRequest,
  captureRequest,
  describeIssues,
  refundRequest,
  voidRequest,
} from './request-schemas';
import { resolveTestToken } from './test-card-tokens';

/** What a handler decided: the response, whether replays should see it, whether to hold it back. */
export interface RouteResult {
  response: StoredResponse;
  remember: boolean;
  hold: boolean;
}

export interface RouteRequest {
  params: string[];
  body: unknown;
  /** Present on every POST except the admin reset. */
  idempotencyKey: string;
  /** The query string (GET look-ups). */
  query?: URLSearchParams;
}

export interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  requiresIdempotencyKey: boolean;
  handle(request: RouteRequest): RouteResult;
}

export interface RouteDeps {
  ledger: ProcessorLedger;
  idempotency: IdempotencyStore;
  errorAttempts: number;
  /** Told of every capture that took effect (the dispute scenarios start from it). */
  onCaptured?: (capture: Capture) => void;
}

export const errorBody = (code: string, message?: string) => ({
  error: message === undefined ? { code } : { code, message },
});

// Reads, validation failures and simulated outages are not remembered: the request never
// took effect, so a corrected retry with the same key must be processed afresh.
const transient = (status: number, body: unknown): RouteResult => ({ response: { status, body }, remember: false, hold: false });
const final = (status: number, body: unknown, hold = false): RouteResult => ({ response: { status, body }, remember: true, hold });

const fromOutcome = <T>(outcome: Outcome<T>, hold: boolean): RouteResult =>
  outcome.ok ? final(200, outcome.value, hold) : final(outcome.status, errorBody(outcome.code, outcome.message), hold);

function parse<S extends z.ZodType>(schema: S, body: unknown): { ok: true; data: z.infer<S> } | { ok: false; result: RouteResult } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, result: transient(400, errorBody('invalid_request', describeIssues(parsed.error))) };
}

const hangsOnce = (token: string | undefined): boolean =>
  token !== undefined && resolveTestToken(token)?.behaviour.kind === 'timeout_once';

export function createRoutes({ ledger, idempotency, errorAttempts, onCaptured }: RouteDeps): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/v1\/authorizations$/,
      requiresIdempotencyKey: true,
      handle({ body, idempotencyKey }) {
        const input = parse(authorizationRequest, body);
        if (!input.ok) return input.result;
        const testCard = resolveTestToken(input.data.token);
        if (testCard === undefined) return transient(400, errorBody('invalid_token', `Unknown token ${input.data.token}`));
        if (testCard.behaviour.kind === 'processor_error' && idempotency.countAttempt(idempotencyKey) <= errorAttempts) {
          return transient(503, errorBody('processor_unavailable', 'Simulated processor outage; retry later'));
        }
        const authorization = ledger.authorize(input.data, testCard, idempotencyKey);
        return final(200, authorization, testCard.behaviour.kind === 'timeout_once');
      },
    },
    {
      // A client that lost an answer (timeout, 409 while in flight) finds its attempt by the key it sent.
      method: 'GET',
      pattern: /^\/v1\/authorizations$/,
      requiresIdempotencyKey: false,
      handle({ query }) {
        const key = query?.get('idempotency_key');
        if (!key) return transient(400, errorBody('invalid_request', 'idempotency_key query parameter is required'));
        const authorization = ledger.authorizationByIdempotencyKey(key);
        return authorization === undefined
          ? transient(404, errorBody('resource_not_found', 'No authorization was made with that idempotency key'))
          : transient(200, authorization);
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/refunds$/,
      requiresIdempotencyKey: false,
      handle({ query }) {
        const key = query?.get('idempotency_key');
        if (!key) return transient(400, errorBody('invalid_request', 'idempotency_key query parameter is required'));
        const refund = ledger.refundByIdempotencyKey(key);
        return refund === undefined ? transient(404, errorBody('resource_not_found', 'No refund was made with that idempotency key')) : transient(200, refund);
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/authorizations\/([^/]+)$/,
      requiresIdempotencyKey: false,
      handle({ params }) {
        const authorization = ledger.getAuthorization(params[0]);
        return authorization === undefined
          ? transient(404, errorBody('resource_not_found', `No authorization ${params[0]}`))
          : transient(200, authorization);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/authorizations\/([^/]+)\/capture$/,
      requiresIdempotencyKey: true,
      handle({ params, body, idempotencyKey }) {
        const input = parse(captureRequest, body);
        if (!input.ok) return input.result;
        const hold = hangsOnce(ledger.tokenOfAuthorization(params[0]));
        const outcome = ledger.capture(params[0], input.data.amount, idempotencyKey);
        if (outcome.ok) onCaptured?.(outcome.value);
        return fromOutcome(outcome, hold);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/authorizations\/([^/]+)\/void$/,
      requiresIdempotencyKey: true,
      handle({ params, body, idempotencyKey }) {
        const input = parse(voidRequest, body);
        if (!input.ok) return input.result;
        return fromOutcome(ledger.void(params[0], idempotencyKey), false);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/refunds$/,
      requiresIdempotencyKey: true,
      handle({ body, idempotencyKey }) {
        const input = parse(refundRequest, body);
        if (!input.ok) return input.result;
        const hold = hangsOnce(ledger.tokenOfCapture(input.data.capture));
        return fromOutcome(ledger.refund(input.data.capture, input.data.amount, idempotencyKey, input.data.reference), hold);
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/payment_methods\/([^/]+)$/,
      requiresIdempotencyKey: false,
      handle({ params }) {
        const testCard = resolveTestToken(params[0]);
        return testCard === undefined
          ? transient(404, errorBody('resource_not_found', `No payment method ${params[0]}`))
          : transient(200, { token: testCard.token, card: testCard.card, ...(testCard.testRisk ? { test_risk: testCard.testRisk } : {}) });
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/movements$/,
      requiresIdempotencyKey: false,
      handle: () => transient(200, { data: ledger.movements() }),
    },
    {
      method: 'POST',
      pattern: /^\/__admin\/reset$/,
      // Test plumbing, not part of the processor contract, so it needs no key.
      requiresIdempotencyKey: false,
      handle() {
        ledger.reset();
        idempotency.reset();
        return transient(200, { reset: true });
      },
    },
  ];
}
