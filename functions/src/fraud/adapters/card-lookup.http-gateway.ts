import { z } from 'zod';
import type { CardLookup } from '../application/card-lookup.gateway';
import type { CardSnapshot } from '../domain/fraud-signals';
import { HttpCardLookupClient } from './card-lookup.http-client';

const PaymentMethod = z.object({
  token: z.string(),
  card: z.object({ brand: z.string(), country: z.string(), fingerprint: z.string() }),
  /** Sandbox only: how a test token asks to be screened. */
  test_risk: z.enum(['generic', 'risk_highest', 'risk_elevated']).optional(),
});

/**
 * The card behind a token from `GET /v1/payment_methods/{token}`: the primary processor (sk_ keys) or
 * the platform's vault, which speaks the same API with its own vk_ keys (keyPrefix 'vk').
 */
export class HttpCardLookup extends HttpCardLookupClient {
  constructor(options: { mode: 'test' | 'live'; baseUrl: string; apiKey: string; timeoutMs?: number; maxAttempts?: number; keyPrefix?: 'sk' | 'vk' }) {
    const prefix = `${options.keyPrefix ?? 'sk'}_${options.mode}_`;
    if (!options.apiKey.startsWith(prefix)) throw new Error(`the ${options.mode}-mode card lookup needs a ${prefix} API key`);
    super(options, {
      name: 'processor',
      path: (token) => `/v1/payment_methods/${encodeURIComponent(token)}`,
      headers: { authorization: `Bearer ${options.apiKey}` },
      cardOf: (body) => {
        const method = PaymentMethod.parse(body);
        return { card: { fingerprint: method.card.fingerprint, brand: method.card.brand, country: method.card.country.toUpperCase() }, testRisk: method.test_risk };
      },
    });
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
