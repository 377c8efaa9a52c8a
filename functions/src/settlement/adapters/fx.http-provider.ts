import { BrokenCircuitError, IPolicy, TaskCancelledError } from 'cockatiel';
import { thirdPartyCallPolicy } from '../../platform/adapters/third-party-call.policy';
import { Agent, Dispatcher, request } from 'undici';
import { z } from 'zod';
import { FxProvider, FxQuote, FxUnavailableError } from '../application/fx.provider';

export type FxMode = 'test' | 'live';

export interface FxHttpOptions {
  /** The one mode this client serves; its key must be of that mode and every answer must declare it. */
  mode: FxMode;
  baseUrl: string;
  /** `sk_test_…` or `sk_live_…`: the provider keeps test and live quotes apart by the key's prefix. */
  apiKey: string;
  timeoutMs?: number;
  /** Calls per quote, the first included (default 3). */
  maxAttempts?: number;
  breakerThreshold?: number;
  breakerHalfOpenAfterMs?: number;
  /** Our clock, to refuse a quote that is already expired. */
  now?: () => number;
}

/** A request of one mode reached the other mode's client: a wiring error, never retried into the wrong provider. */
export class FxModeMismatchError extends Error {
  override readonly name = 'FxModeMismatchError';
}

/** Worth another attempt: unreachable, timed out, 5xx/429, or an answer we cannot use. */
class TransientFxError extends FxUnavailableError {}

const Code = z.string().regex(/^[a-z]{3}$/);
const Quote = z.object({
  id: z.string().min(1),
  from: Code,
  to: Code,
  mid_rate: z.number().positive().finite(),
  expires_at: z.number().int().positive(),
  livemode: z.boolean(),
});
const ErrorBody = z.object({ error: z.object({ code: z.string() }) });

// Timeout per attempt, a few quick retries, and a breaker so an FX outage fails fast: the settlement
// task that asked throws and Cloud Tasks retries it later with its own, slower backoff.
export class HttpFxProvider implements FxProvider {
  private readonly policy: IPolicy;
  private readonly pool = new Agent({ connections: 8, keepAliveTimeout: 30_000 });
  private readonly now: () => number;

  constructor(private readonly options: FxHttpOptions) {
    if (!options.apiKey.startsWith(`sk_${options.mode}_`)) throw new Error(`the ${options.mode}-mode FX client needs an sk_${options.mode}_ API key`);
    this.now = options.now ?? Date.now;
    // Our maxAttempts counts every call; the policy counts the retries after the first.
    this.policy = thirdPartyCallPolicy({
      isTransient: (error) => error instanceof TransientFxError,
      retries: (options.maxAttempts ?? 3) - 1,
      timeoutMs: options.timeoutMs ?? 2000,
      breakerThreshold: options.breakerThreshold,
      breakerHalfOpenAfterMs: options.breakerHalfOpenAfterMs,
    });
  }

  get mode(): FxMode {
    return this.options.mode;
  }

  async quote(req: { livemode: boolean; from: string; to: string }): Promise<FxQuote> {
    const mode: FxMode = req.livemode ? 'live' : 'test';
    if (mode !== this.options.mode) throw new FxModeMismatchError(`a ${mode}-mode quote request reached the ${this.options.mode}-mode FX client`);
    try {
      return await this.policy.execute(({ signal }) => this.attempt(req.from, req.to, signal));
    } catch (error) {
      if (error instanceof FxUnavailableError) throw error;
      if (error instanceof TaskCancelledError) throw new FxUnavailableError(`FX provider timed out (${req.from}→${req.to})`, { cause: error });
      if (error instanceof BrokenCircuitError) throw new FxUnavailableError('FX provider circuit open after repeated failures', { cause: error });
      throw new FxUnavailableError(`FX quote failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  private async attempt(from: string, to: string, signal: AbortSignal): Promise<FxQuote> {
    let response: Dispatcher.ResponseData;
    try {
      response = await request(`${this.options.baseUrl}/v1/quotes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.apiKey}` },
        body: JSON.stringify({ from, to }),
        signal,
        dispatcher: this.pool,
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new TransientFxError(`FX provider unreachable: ${String(error)}`);
    }
    const body: unknown = await response.body.json().catch(() => undefined);
    const status = response.statusCode;
    if (status >= 500 || status === 429) throw new TransientFxError(`FX provider answered ${status}`);
    if (status !== 200) {
      // A refusal (unsupported currency, bad key): asking again would get the same answer.
      const parsed = ErrorBody.safeParse(body);
      throw new FxUnavailableError(`FX provider refused the quote ${from}→${to}: ${status} ${parsed.success ? parsed.data.error.code : 'unknown'}`);
    }
    const parsed = Quote.safeParse(body);
    if (!parsed.success) throw new TransientFxError('FX provider answered a quote we cannot read');
    const quote = parsed.data;
    if (quote.livemode !== (this.options.mode === 'live')) throw new TransientFxError(`FX provider answered a ${quote.livemode ? 'live' : 'test'} quote to the ${this.options.mode}-mode client`);
    if (quote.from !== from || quote.to !== to) throw new TransientFxError(`FX provider answered a ${quote.from}→${quote.to} quote to a ${from}→${to} request`);
    const expiresAtMs = quote.expires_at * 1000;
    if (expiresAtMs <= this.now()) throw new TransientFxError(`FX provider answered quote ${quote.id}, already expired`);
    return { id: quote.id, from, to, midRate: quote.mid_rate, expiresAtMs };
  }

  /** Closes pooled connections (tests and shutdown). */
  close(): Promise<void> {
    return this.pool.close();
  }
}
