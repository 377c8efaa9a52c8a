import { Timestamp } from 'firebase-admin/firestore';
import { z } from 'zod';
import type { DeliveryAttempt, EndpointHealth } from '../domain/delivery-attempt';
import { EVENT_RETENTION_MS, MerchantEvent } from '../domain/merchant-event';

// Stored shapes of the events (`merchant_events/{evt_…}`), the attempts and the endpoints' health. Events and
// attempts carry `expires_at`: Firestore's TTL deletes them 30 days after the event (firestore.indexes.json).

export const MerchantEventDocument = z.object({
  merchant_id: z.string(),
  livemode: z.boolean(),
  type: z.string(),
  /** The part before the first dot, so `payment.*` is an equality filter. */
  type_group: z.string(),
  api_version: z.string(),
  created_ms: z.number().int(),
  object: z.record(z.string(), z.unknown()),
  previous_attributes: z.record(z.string(), z.unknown()).nullable(),
  endpoint_ids: z.array(z.string()),
  pending_endpoint_ids: z.array(z.string()),
});

export const typeGroupOf = (type: string): string => type.split('.')[0];

export const eventDocument = (e: MerchantEvent) => ({
  merchant_id: e.merchantId,
  livemode: e.livemode,
  type: e.type,
  type_group: typeGroupOf(e.type),
  api_version: e.apiVersion,
  created_ms: e.createdMs,
  object: e.object,
  previous_attributes: e.previousAttributes,
  endpoint_ids: [...e.endpointIds],
  pending_endpoint_ids: [...e.pendingEndpointIds],
  expires_at: Timestamp.fromMillis(e.createdMs + EVENT_RETENTION_MS),
});

export function eventFromDocument(id: string, data: unknown): MerchantEvent {
  const d = MerchantEventDocument.parse(data);
  return {
    id,
    merchantId: d.merchant_id,
    livemode: d.livemode,
    type: d.type,
    apiVersion: d.api_version,
    createdMs: d.created_ms,
    object: d.object,
    previousAttributes: d.previous_attributes,
    endpointIds: d.endpoint_ids,
    pendingEndpointIds: d.pending_endpoint_ids,
  };
}

export const DeliveryAttemptDocument = z.object({
  event_id: z.string(),
  endpoint_id: z.string(),
  merchant_id: z.string(),
  livemode: z.boolean(),
  attempted_at_ms: z.number().int(),
  outcome: z.enum(['succeeded', 'failed']),
  status_code: z.number().int().nullable(),
  latency_ms: z.number().int(),
  error: z.enum(['timeout', 'connection_error', 'http_status', 'redirect', 'address_refused', 'endpoint_disabled']).nullable(),
  response_body: z.string().nullable(),
  trigger: z.enum(['automatic', 'redeliver']),
});

export const attemptDocument = (a: DeliveryAttempt) => ({
  event_id: a.eventId,
  endpoint_id: a.endpointId,
  merchant_id: a.merchantId,
  livemode: a.livemode,
  attempted_at_ms: a.attemptedAtMs,
  outcome: a.outcome,
  status_code: a.statusCode,
  latency_ms: a.latencyMs,
  error: a.error,
  response_body: a.responseBody,
  trigger: a.trigger,
  expires_at: Timestamp.fromMillis(a.attemptedAtMs + EVENT_RETENTION_MS),
});

export function attemptFromDocument(id: string, data: unknown): DeliveryAttempt {
  const d = DeliveryAttemptDocument.parse(data);
  return {
    id,
    eventId: d.event_id,
    endpointId: d.endpoint_id,
    merchantId: d.merchant_id,
    livemode: d.livemode,
    attemptedAtMs: d.attempted_at_ms,
    outcome: d.outcome,
    statusCode: d.status_code,
    latencyMs: d.latency_ms,
    error: d.error,
    responseBody: d.response_body,
    trigger: d.trigger,
  };
}

export const EndpointHealthDocument = z.object({ failing_since_ms: z.number().int().nullable(), last_failure_ms: z.number().int().nullable(), consecutive_failures: z.number().int() });

export const healthDocument = (h: EndpointHealth) => ({ failing_since_ms: h.failingSinceMs, last_failure_ms: h.lastFailureMs, consecutive_failures: h.consecutiveFailures });

export function healthFromDocument(endpointId: string, data: unknown): EndpointHealth {
  const d = EndpointHealthDocument.parse(data);
  return { endpointId, failingSinceMs: d.failing_since_ms, lastFailureMs: d.last_failure_ms, consecutiveFailures: d.consecutive_failures };
}
