import protobuf from 'protobufjs';
import { emptyPubsubCounts, pubsubCountsBetween, pubsubObserver } from './pubsub-counting';
import { describeInvocation } from './invocation-counting.proxy';

// The wire messages the Pub/Sub client and emulator exchange, encoded from their real field numbers.
const root = protobuf.parse(`
  syntax = "proto3";
  message PubsubMessage { bytes data = 1; map<string, string> attributes = 2; string message_id = 3; string ordering_key = 5; }
  message PublishRequest { string topic = 1; repeated PubsubMessage messages = 2; }
  message StreamingPullRequest { string subscription = 1; repeated string ack_ids = 2; }
  message ReceivedMessage { string ack_id = 1; PubsubMessage message = 2; }
  message StreamingPullResponse { repeated ReceivedMessage received_messages = 1; }
`).root;
const encode = (type: string, value: object) => Buffer.from(root.lookupType(type).encode(root.lookupType(type).fromObject(value)).finish());

describe('Pub/Sub operations counted on the wire', () => {
  it('given a publish request of two small messages, then two messages and one request of 1,000 billable bytes are counted', () => {
    const counts = emptyPubsubCounts();
    const observe = pubsubObserver(counts);

    observe('Publish', 'request', encode('PublishRequest', { topic: 'projects/p/topics/payment-events', messages: [{ data: Buffer.from('{"a":1}'), attributes: { type: 'payment.created' } }, { data: Buffer.from('{}') }] }), {});

    expect(counts).toMatchObject({ publishRequests: 1, messagesPublished: 2, publishBillableBytes: 1_000, publishedByTopic: { 'payment-events': 2 } });
  });

  it('given a message over 1,000 bytes, then its data, attributes, id and timestamp are billed', () => {
    const counts = emptyPubsubCounts();
    pubsubObserver(counts)('Publish', 'request', encode('PublishRequest', { topic: 't', messages: [{ data: Buffer.alloc(1_500), attributes: { ab: 'cde' } }] }), {});
    expect(counts.publishBillableBytes).toBe(1_500 + 2 + 3 + 20);
  });

  it('given a streaming pull, then each received message is a delivery to the subscription named when the stream opened', () => {
    const counts = emptyPubsubCounts();
    const observe = pubsubObserver(counts);
    const call = {};
    const before = structuredClone(counts);

    observe('StreamingPull', 'request', encode('StreamingPullRequest', { subscription: 'projects/p/subscriptions/aml-monitor' }), call);
    observe('StreamingPull', 'response', encode('StreamingPullResponse', { receivedMessages: [{ ackId: 'a', message: { data: Buffer.from('x'), messageId: '1' } }, { ackId: 'b', message: { data: Buffer.from('y'), messageId: '2' } }] }), call);

    expect(pubsubCountsBetween(before, counts)).toMatchObject({ deliveries: 2, deliveryBillableBytes: 2_000, deliveriesBySubscription: { 'aml-monitor': 2 } });
  });
});

describe('invocations told apart by how they arrive', () => {
  it('given the Cloud Tasks headers, then a task dispatch of its queue, for the payment in its body', () => {
    expect(describeInvocation({ 'x-cloudtasks-queuename': 'fraud-checks' }, '{"paymentId":"pay_abc123"}')).toEqual({ kind: 'task', source: 'fraud-checks', paymentId: 'pay_abc123' });
  });

  it('given a push envelope, then a push of its subscription, the payment read from the decoded data', () => {
    const body = JSON.stringify({ message: { data: Buffer.from('{"payment":"pay_Z9"}').toString('base64'), attributes: {} }, subscription: 'projects/p/subscriptions/aml' });
    expect(describeInvocation({}, body)).toEqual({ kind: 'push', source: 'aml', paymentId: 'pay_Z9' });
  });

  it('given neither, then another kind of call (a scheduled one)', () => {
    expect(describeInvocation({}, '')).toEqual({ kind: 'other', source: null, paymentId: null });
  });
});
