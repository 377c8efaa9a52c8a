import { REFERENCE_RATES } from '../../shared/reference-fx-rates';
import { FxProvider, FxQuote, FxUnavailableError } from '../application/fx.provider';

export interface MemoryFxOptions {
  /** Fixed mid rates by `from:to` (e.g. `{ 'eur:usd': 1.08 }`); any other pair is crossed from the reference rates. */
  rates?: Readonly<Record<string, number>>;
  ttlMs?: number;
  now?: () => number;
}

/**
 * In-memory FX provider for unit tests: fixed, known rates (so a test can work out the payout by hand),
 * deterministic quote ids, a record of every request, and scripted outages.
 */
export class MemoryFxProvider implements FxProvider {
  /** Every request, answered or not, in order. */
  readonly requests: { livemode: boolean; from: string; to: string }[] = [];
  /** Every quote handed out. */
  readonly issued: (FxQuote & { livemode: boolean })[] = [];
  private readonly rates = new Map<string, number>();
  private failures = 0;
  private sequence = 0;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: MemoryFxOptions = {}) {
    for (const [pair, rate] of Object.entries(options.rates ?? {})) this.rates.set(pair, rate);
    this.ttlMs = options.ttlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Fixes the mid rate of one pair from now on. */
  setRate(from: string, to: string, midRate: number): this {
    this.rates.set(`${from}:${to}`, midRate);
    return this;
  }

  /** The next `times` quotes throw FxUnavailableError (an outage). */
  failNext(times = 1): this {
    this.failures += times;
    return this;
  }

  /** The mid rate this fake answers for a pair, or undefined for a currency it cannot price. */
  midRate(from: string, to: string): number | undefined {
    const fixed = this.rates.get(`${from}:${to}`);
    if (fixed !== undefined) return fixed;
    const fromUsd = REFERENCE_RATES.usdPerMajorUnit[from];
    const toUsd = REFERENCE_RATES.usdPerMajorUnit[to];
    if (fromUsd === undefined || toUsd === undefined) return undefined;
    return Number((fromUsd / toUsd).toPrecision(10));
  }

  async quote(req: { livemode: boolean; from: string; to: string }): Promise<FxQuote> {
    this.requests.push({ ...req });
    if (this.failures > 0) {
      this.failures -= 1;
      throw new FxUnavailableError('memory FX provider: scripted outage');
    }
    const midRate = this.midRate(req.from, req.to);
    if (midRate === undefined || req.from === req.to) throw new FxUnavailableError(`memory FX provider: no rate for ${req.from}→${req.to}`);
    this.sequence += 1;
    const quote: FxQuote = { id: `fxq_mem_${req.livemode ? 'live' : 'test'}_${this.sequence}`, from: req.from, to: req.to, midRate, expiresAtMs: this.now() + this.ttlMs };
    this.issued.push({ ...quote, livemode: req.livemode });
    return quote;
  }
}
