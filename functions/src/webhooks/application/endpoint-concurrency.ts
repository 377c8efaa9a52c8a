/**
 * Calls in flight per endpoint, in this instance: a slow endpoint (up to 10 s per call) gets at most `limit`
 * of the queue's dispatch slots here, and a delivery beyond that waits for the queue's retry instead of a slot.
 * Kept in memory on purpose: a shared counter would be one hot document per endpoint on every delivery.
 */
export class EndpointConcurrency {
  private readonly inFlight = new Map<string, number>();

  constructor(readonly limit: number = 10) {}

  tryAcquire(endpointId: string): boolean {
    const now = this.inFlight.get(endpointId) ?? 0;
    if (now >= this.limit) return false;
    this.inFlight.set(endpointId, now + 1);
    return true;
  }

  release(endpointId: string): void {
    const now = (this.inFlight.get(endpointId) ?? 1) - 1;
    if (now <= 0) this.inFlight.delete(endpointId);
    else this.inFlight.set(endpointId, now);
  }
}
