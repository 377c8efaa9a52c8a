import { z } from 'zod';
import type { CardLookup } from '../application/card-lookup.gateway';
import type { CardSnapshot } from '../domain/fraud-signals';
import { HttpCardLookupClient } from './card-lookup.http-client';

const BRANDS: Record<string, string> = { VISA: 'visa', MC: 'mastercard', AMEX: 'amex' };
const PaymentMethod = z.object({
  token: z.string(),
  cardSummary: z.object({ brand: z.string(), issuerCountry: z.string(), fingerprint: z.string() }),
  riskHint: z.enum(['generic', 'risk_highest', 'risk_elevated']).optional(),
  live: z.boolean(),
});

/** The card behind a token as the European acquirer describes it (`GET /api/v2/paymentMethods/{token}`), in the fraud context's terms. */
export class AcquirerCardLookup extends HttpCardLookupClient {
  constructor(options: { mode: 'test' | 'live'; baseUrl: string; apiKey: string; timeoutMs?: number }) {
    if (!options.apiKey.startsWith(`ak_${options.mode}_`)) throw new Error(`the ${options.mode}-mode acquirer card lookup needs an ak_${options.mode}_ API key`);
    // One quick try: it is asked only when the primary could not answer, and the gate task retries later.
    super({ ...options, maxAttempts: 1, maxDelayMs: 300, connections: 16 }, {
      name: 'acquirer',
      path: (token) => `/api/v2/paymentMethods/${encodeURIComponent(token)}`,
      headers: { 'x-api-key': options.apiKey },
      cardOf: (body) => {
        const method = PaymentMethod.parse(body);
        if (method.live !== (options.mode === 'live')) throw new Error('the acquirer answered for the other mode');
        const { brand, issuerCountry, fingerprint } = method.cardSummary;
        return { card: { fingerprint, brand: BRANDS[brand] ?? brand.toLowerCase(), country: issuerCountry.toUpperCase() }, testRisk: method.riskHint };
      },
    });
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
