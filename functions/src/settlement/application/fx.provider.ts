/**
 * A firm quote for converting `from` into `to`. The mid rate is the market rate before our markup;
 * the payout applies the markup itself (`convertForPayout` in settlement/domain/fx-conversion.ts), so
 * the same quote prices gross, payout and markup consistently.
 */
export interface FxQuote {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** Units of `to` per unit of `from`, both in major units (e.g. 0.92 eur per usd). */
  readonly midRate: number;
  readonly expiresAtMs: number;
}

export interface FxProvider {
  /** Throws FxUnavailableError when no valid quote can be had (down, timed out, unknown answer, expired, mismatched). */
  quote(req: { livemode: boolean; from: string; to: string }): Promise<FxQuote>;
}

/** No usable quote right now: the caller retries later (a settlement task throws and is redelivered). */
export class FxUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FxUnavailableError';
  }
}
