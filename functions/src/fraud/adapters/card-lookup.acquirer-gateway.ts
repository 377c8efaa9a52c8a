import { ExponentialBackoff, handleAll, IPolicy, retry, timeout, TimeoutStrategy, wrap } from 'cockatiel';
import { Agent, request } from 'undici';
import { z } from 'zod';
import type { CardLookup } from '../application/card-lookup.gateway';
import type { CardSnapshot } from '../domain/fraud-signals';

const BRANDS: Record<string, string> = { VISA: 'visa', MC: 'mastercard', AMEX: 'amex' };
const PaymentMethod = z.object({
  token: z.string(),
  cardSummary: z.object({ brand: z.string(), issuerCountry: z.string(), fingerprint: z.string() }),
  riskHint: z.enum(['generic', 'risk_highest', 'risk_elevated']).optional(),
  live: z.boolean(),
});

/** The card behind a token as the European acquirer describes it (`GET /api/v2/paymentMethods/{token}`), in the fraud context's terms. */
export class AcquirerCardLookup implements CardLookup {
  private readonly policy: IPolicy;
  private readonly pool = new Agent({ connections: 16, keepAliveTimeout: 30_000 });

  constructor(private readonly options: { mode: 'test' | 'live'; baseUrl: string; apiKey: string; timeoutMs?: number }) {
    if (!options.apiKey.startsWith(`ak_${options.mode}_`)) throw new Error(`the ${options.mode}-mode acquirer card lookup needs an ak_${options.mode}_ API key`);
    this.policy = wrap(retry(handleAll, { maxAttempts: 1, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 300 }) }), timeout(options.timeoutMs ?? 1000, TimeoutStrategy.Aggressive));
  }

  lookup(token: string, livemode: boolean): Promise<CardSnapshot | null> {
    if ((livemode ? 'live' : 'test') !== this.options.mode) return Promise.reject(new Error(`a ${livemode ? 'live' : 'test'}-mode card lookup reached the ${this.options.mode}-mode acquirer client`));
    return this.policy.execute(async ({ signal }) => {
      const response = await request(`${this.options.baseUrl}/api/v2/paymentMethods/${encodeURIComponent(token)}`, { method: 'GET', headers: { 'x-api-key': this.options.apiKey }, signal, dispatcher: this.pool });
      if (response.statusCode === 404) {
        await response.body.dump();
        return null;
      }
      if (response.statusCode !== 200) {
        await response.body.dump();
        throw new Error(`acquirer answered ${response.statusCode} to a payment method lookup`);
      }
      const method = PaymentMethod.parse(await response.body.json());
      if (method.live !== (this.options.mode === 'live')) throw new Error('the acquirer answered for the other mode');
      const card: CardSnapshot = { fingerprint: method.cardSummary.fingerprint, brand: BRANDS[method.cardSummary.brand] ?? method.cardSummary.brand.toLowerCase(), country: method.cardSummary.issuerCountry.toUpperCase() };
      return this.options.mode === 'test' && method.riskHint ? { ...card, testRisk: method.riskHint } : card;
    });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * The card behind a token from the first processor that answers: a look-up is a read with no side
 * effect, so when the primary processor cannot answer (down, timing out) the next one is asked, and
 * scoring and screening go on through a processor outage. Both describe the platform's tokens alike.
 */
export class FailoverCardLookup implements CardLookup {
  constructor(private readonly lookups: readonly CardLookup[]) {}

  async lookup(token: string, livemode: boolean): Promise<CardSnapshot | null> {
    let lastError: unknown = new Error('no card lookup configured');
    for (const lookup of this.lookups) {
      try {
        return await lookup.lookup(token, livemode);
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  }
}
