import { ExponentialBackoff, handleAll, IPolicy, retry, timeout, TimeoutStrategy, wrap } from 'cockatiel';
import { z } from 'zod';
import type { CardLookup } from '../application/card-lookup.gateway';
import type { CardSnapshot } from '../domain/fraud-signals';

const PaymentMethod = z.object({ token: z.string(), card: z.object({ brand: z.string(), country: z.string(), fingerprint: z.string() }) });

// A read with no side effects, so every failure may be retried; after a few quick tries the error
// reaches the gate task, and Cloud Tasks retries it later with its own backoff.
export class HttpCardLookup implements CardLookup {
  private readonly policy: IPolicy;

  constructor(private readonly options: { baseUrl: string; timeoutMs?: number; maxAttempts?: number }) {
    const retries = retry(handleAll, { maxAttempts: options.maxAttempts ?? 2, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 500 }) });
    this.policy = wrap(retries, timeout(options.timeoutMs ?? 1000, TimeoutStrategy.Aggressive));
  }

  lookup(token: string): Promise<CardSnapshot | null> {
    return this.policy.execute(async ({ signal }) => {
      const response = await fetch(`${this.options.baseUrl}/v1/payment_methods/${encodeURIComponent(token)}`, { signal });
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`processor answered ${response.status} to a payment method lookup`);
      const method = PaymentMethod.parse(await response.json());
      return { fingerprint: method.card.fingerprint, brand: method.card.brand, country: method.card.country.toUpperCase() };
    });
  }
}
