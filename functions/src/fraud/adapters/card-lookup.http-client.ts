import { ExponentialBackoff, handleAll, IPolicy, retry, timeout, TimeoutStrategy, wrap } from 'cockatiel';
import { Agent, request } from 'undici';
import type { CardLookup } from '../application/card-lookup.gateway';
import type { CardSnapshot } from '../domain/fraud-signals';

/** How one service's payment-method API is called and read: the only part the HTTP card look-ups differ in. */
export interface PaymentMethodApi {
  /** Who answers, for error messages (`processor`, `acquirer`). */
  readonly name: string;
  readonly path: (token: string) => string;
  readonly headers: Readonly<Record<string, string>>;
  /** The card from a 200 body (zod-parsed: throws on a body of another shape), with the sandbox's test-risk hint if any. */
  readonly cardOf: (body: unknown) => { card: CardSnapshot; testRisk?: CardSnapshot['testRisk'] };
}

export interface CardLookupClientOptions {
  mode: 'test' | 'live';
  baseUrl: string;
  timeoutMs?: number;
  maxAttempts?: number;
  maxDelayMs?: number;
  connections?: number;
}

// A read with no side effects, so every failure may be retried; after a few quick tries the error
// reaches the gate task, and Cloud Tasks retries it later with its own backoff. One client per mode:
// a look-up for the other mode is refused before any I/O.
export class HttpCardLookupClient implements CardLookup {
  private readonly policy: IPolicy;
  // Pooled keep-alive connections via undici's request(): far less CPU per lookup than fetch().
  private readonly pool: Agent;

  constructor(
    private readonly options: CardLookupClientOptions,
    private readonly api: PaymentMethodApi,
  ) {
    this.pool = new Agent({ connections: options.connections ?? 32, keepAliveTimeout: 30_000 });
    const retries = retry(handleAll, { maxAttempts: options.maxAttempts ?? 2, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: options.maxDelayMs ?? 500 }) });
    this.policy = wrap(retries, timeout(options.timeoutMs ?? 1000, TimeoutStrategy.Aggressive));
  }

  lookup(token: string, livemode: boolean): Promise<CardSnapshot | null> {
    if ((livemode ? 'live' : 'test') !== this.options.mode) {
      return Promise.reject(new Error(`a ${livemode ? 'live' : 'test'}-mode card lookup reached the ${this.options.mode}-mode ${this.api.name} client`));
    }
    return this.policy.execute(async ({ signal }) => {
      const response = await request(`${this.options.baseUrl}${this.api.path(token)}`, { method: 'GET', headers: { ...this.api.headers }, signal, dispatcher: this.pool });
      // Drain every body, even unread ones, so the pooled connection is free for the next lookup.
      if (response.statusCode === 404) {
        await response.body.dump();
        return null;
      }
      if (response.statusCode < 200 || response.statusCode >= 300) {
        await response.body.dump();
        throw new Error(`${this.api.name} answered ${response.statusCode} to a payment method lookup`);
      }
      const { card, testRisk } = this.api.cardOf(await response.body.json());
      // A live service's word on "test risk" is never taken: only the test-mode client passes it on.
      return this.options.mode === 'test' && testRisk ? { ...card, testRisk } : card;
    });
  }

  /** Closes pooled connections (tests and shutdown). */
  close(): Promise<void> {
    return this.pool.close();
  }
}
