import { PubSub, Topic } from '@google-cloud/pubsub';
import { PaymentEventV1, toPubsubAttributes } from '../../contracts/payment-events.v1';
import { EventPublisher } from '../application/outbox-relay';

// Ordered by payment: a consumer never sees payment.succeeded before payment.created.
export class PubsubEventPublisher implements EventPublisher {
  private readonly topic: Topic;

  constructor(pubsub: PubSub, topicName: string) {
    this.topic = pubsub.topic(topicName, { messageOrdering: true, batching: { maxMilliseconds: 5 } });
  }

  async publish(event: PaymentEventV1): Promise<void> {
    try {
      await this.topic.publishMessage({ data: Buffer.from(JSON.stringify(event.data)), attributes: toPubsubAttributes(event), orderingKey: event.subject });
    } catch (error) {
      // A failed publish pauses its ordering key; resume so the retry (or the sweep) can go out.
      this.topic.resumePublishing(event.subject);
      throw error;
    }
  }
}
