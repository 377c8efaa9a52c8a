import type { CardSnapshot } from '../domain/fraud-signals';

/** Port: the card behind a payment-method token (country, brand, fingerprint), as the processor knows it. */
export interface CardLookup {
  /** null when the processor does not know the token; throws when it cannot answer now (retry). Asks the processor of the payment's mode. */
  lookup(token: string, livemode: boolean): Promise<CardSnapshot | null>;
}
