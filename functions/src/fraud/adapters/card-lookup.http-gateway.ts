import { ExponentialBackoff, handleAll, IPolicy, retry, timeout, TimeoutStrategy, wrap } from 'cockatiel';
import { Agent, request } from 'undici';
import { z } from 'zod';
import type { CardLookup } from '../application/card-lookup.gateway';
import type { CardSnapshot } from '../domain/fraud-signals';

const PaymentMethod = z.object({
  token: z.string(),
  card: z.object({ brand: z.string(), country: z.string(), fingerprint: z.string() }),
  /** Sandbox only: how a test token asks to be screened. */
  test_risk: z.enum(['generic', 'risk_highest', 'risk_elevated']).optional(),
});

// A read with no side effects, so every failure may be retried; after a few quick tries the error
// reaches the gate task, and Cloud Tasks retries it later with its own backoff.
export class HttpCardLookup implements CardLookup {
  private readonly policy: IPolicy;
  // Pooled keep-alive connections via undici's request(): far less CPU per lookup than fetch().
  private readonly pool = new Agent({ connections: 32, keepAliveTimeout: 30_000 });

  // One client per mode (URL and sk_test_/sk_live_ key); a lookup for the other mode is refused before any I/O.
  // The platform's vault speaks the same `GET /v1/payment_methods/{token}` with its own vk_ keys (keyPrefix 'vk').
  constructor(private readonly options: { mode: 'test' | 'live'; baseUrl: string; apiKey: string; timeoutMs?: number; maxAttempts?: number; keyPrefix?: 'sk' | 'vk' }) {
    const prefix = `${options.keyPrefix ?? 'sk'}_${options.mode}_`;
    if (!options.apiKey.startsWith(prefix)) throw new Error(`the ${options.mode}-mode card lookup needs a ${prefix} API key`);
    const retries = retry(handleAll, { maxAttempts: options.maxAttempts ?? 2, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 500 }) });
    this.policy = wrap(retries, timeout(options.timeoutMs ?? 1000, TimeoutStrategy.Aggressive));
  }

  lookup(token: string, livemode: boolean): Promise<CardSnapshot | null> {
    if ((livemode ? 'live' : 'test') !== this.options.mode) {
      return Promise.reject(new Error(`a ${livemode ? 'live' : 'test'}-mode card lookup reached the ${this.options.mode}-mode processor client`));
    }
    return this.policy.execute(async ({ signal }) => {
      const url = `${this.options.baseUrl}/v1/payment_methods/${encodeURIComponent(token)}`;
      const headers = { authorization: `Bearer ${this.options.apiKey}` };
      const response = await request(url, { method: 'GET', headers, signal, dispatcher: this.pool });
      // Drain every body, even unread ones, so the pooled connection is free for the next lookup.
      if (response.statusCode === 404) {
        await response.body.dump();
        return null;
      }
      if (response.statusCode < 200 || response.statusCode >= 300) {
        await response.body.dump();
        throw new Error(`processor answered ${response.statusCode} to a payment method lookup`);
      }
      const method = PaymentMethod.parse(await response.body.json());
      const card: CardSnapshot = { fingerprint: method.card.fingerprint, brand: method.card.brand, country: method.card.country.toUpperCase() };
      // A live processor's word on "test risk" is never taken: only the test-mode client passes it on.
      return this.options.mode === 'test' && method.test_risk ? { ...card, testRisk: method.test_risk } : card;
    });
  }

  /** Closes pooled connections (tests and shutdown). */
  close(): Promise<void> {
    return this.pool.close();
  }
}

/** The card lookup for the payment's mode; without a live processor a live token is unknown (null). */
export class CardLookupByMode implements CardLookup {
  constructor(private readonly lookups: { readonly test: CardLookup; readonly live: CardLookup | null }) {}

  lookup(token: string, livemode: boolean): Promise<CardSnapshot | null> {
    const lookup = livemode ? this.lookups.live : this.lookups.test;
    return lookup ? lookup.lookup(token, livemode) : Promise.resolve(null);
  }
}
