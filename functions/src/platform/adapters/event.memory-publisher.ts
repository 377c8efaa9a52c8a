import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { EventPublisher } from '../application/outbox-relay';

/** Records what was published; can be told to fail, as Pub/Sub does when unreachable. */
export class InMemoryEventPublisher implements EventPublisher {
  readonly published: PaymentEventV1[] = [];
  private failure: Error | null = null;
  private failuresLeft = 0;

  /** Fail the next `times` publishes (Infinity: until `recover`). */
  failWith(error: Error = new Error('pubsub unavailable'), times = Infinity): this {
    this.failure = error;
    this.failuresLeft = times;
    return this;
  }

  recover(): this {
    this.failure = null;
    this.failuresLeft = 0;
    return this;
  }

  async publish(event: PaymentEventV1): Promise<void> {
    if (this.failure && this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw this.failure;
    }
    this.published.push(structuredClone(event));
  }

  /** Hands over what was published since the last call, for a test that plays the subscriber. */
  private delivered = 0;
  takeNew(): PaymentEventV1[] {
    const fresh = this.published.slice(this.delivered);
    this.delivered = this.published.length;
    return fresh;
  }
}
