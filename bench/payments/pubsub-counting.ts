import type { GrpcObserver } from './firestore-counting.proxy';
import { topLevelFields } from './grpc-frames';

/**
 * What Pub/Sub bills, counted on the gRPC traffic between the functions and the Pub/Sub emulator
 * (the counting proxy's observer): messages published and delivered, and the billable bytes. Pub/Sub
 * bills throughput for publish requests and for every delivery (push, pull, streaming pull), at least
 * 1,000 bytes per request; in production every subscription is a push subscription, one request per
 * message, and a message a subscription's filter drops is still billed as delivered. The local
 * emulator does not filter (the push bridge does), so each message reaches every subscription of its
 * topic here, as it is billed there.
 */
export interface PubsubCounts {
  publishRequests: number;
  messagesPublished: number;
  /** Billable bytes: per publish request, the larger of 1,000 and its messages' size. */
  publishBillableBytes: number;
  publishedByTopic: Record<string, number>;
  /** Messages handed to a subscription (one per subscription of the topic). */
  deliveries: number;
  /** Billable bytes: per delivery, the larger of 1,000 and the message's size (one push request each). */
  deliveryBillableBytes: number;
  deliveriesBySubscription: Record<string, number>;
}

export const MIN_BILLABLE_BYTES_PER_REQUEST = 1_000;

export const emptyPubsubCounts = (): PubsubCounts => ({ publishRequests: 0, messagesPublished: 0, publishBillableBytes: 0, publishedByTopic: {}, deliveries: 0, deliveryBillableBytes: 0, deliveriesBySubscription: {} });

const lastSegment = (name: string) => name.slice(name.lastIndexOf('/') + 1);

/**
 * A PubsubMessage's billed size: data, each attribute's key and value, 20 bytes of timestamp and the
 * message id (the published copy has none yet).
 */
export function billableMessageSize(message: Buffer): number {
  let size = 20;
  for (const field of topLevelFields(message)) {
    if (field.field === 1 || field.field === 3) size += field.bytes.length; // data, message_id
    else if (field.field === 2) for (const entry of topLevelFields(field.bytes)) size += entry.bytes.length; // attribute key and value
  }
  return size;
}

export function pubsubObserver(counts: PubsubCounts): GrpcObserver {
  return (method, direction, message, call) => {
    if (method === 'Publish' && direction === 'request') {
      const fields = topLevelFields(message);
      const topic = lastSegment(fields.find((f) => f.field === 1)?.bytes.toString('utf8') ?? '?');
      const messages = fields.filter((f) => f.field === 2);
      counts.publishRequests += 1;
      counts.messagesPublished += messages.length;
      counts.publishBillableBytes += Math.max(MIN_BILLABLE_BYTES_PER_REQUEST, messages.reduce((sum, m) => sum + billableMessageSize(m.bytes), 0));
      counts.publishedByTopic[topic] = (counts.publishedByTopic[topic] ?? 0) + messages.length;
    } else if ((method === 'StreamingPull' || method === 'Pull') && direction === 'request') {
      const subscription = topLevelFields(message).find((f) => f.field === 1)?.bytes.toString('utf8');
      if (subscription) call.subscription = lastSegment(subscription);
    } else if ((method === 'StreamingPull' || method === 'Pull') && direction === 'response') {
      const subscription = String(call.subscription ?? '?');
      for (const received of topLevelFields(message).filter((f) => f.field === 1)) {
        const inner = topLevelFields(received.bytes).find((f) => f.field === 2);
        counts.deliveries += 1;
        counts.deliveryBillableBytes += Math.max(MIN_BILLABLE_BYTES_PER_REQUEST, inner ? billableMessageSize(inner.bytes) : 0);
        counts.deliveriesBySubscription[subscription] = (counts.deliveriesBySubscription[subscription] ?? 0) + 1;
      }
    }
  };
}

export function pubsubCountsBetween(before: PubsubCounts, after: PubsubCounts): PubsubCounts {
  const minus = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - (b[k] ?? 0)]).filter(([, v]) => (v as number) > 0));
  return {
    publishRequests: after.publishRequests - before.publishRequests,
    messagesPublished: after.messagesPublished - before.messagesPublished,
    publishBillableBytes: after.publishBillableBytes - before.publishBillableBytes,
    publishedByTopic: minus(after.publishedByTopic, before.publishedByTopic),
    deliveries: after.deliveries - before.deliveries,
    deliveryBillableBytes: after.deliveryBillableBytes - before.deliveryBillableBytes,
    deliveriesBySubscription: minus(after.deliveriesBySubscription, before.deliveriesBySubscription),
  };
}
