import { BrokenCircuitError, IPolicy, TaskCancelledError } from 'cockatiel';
import { thirdPartyCallPolicy } from '../../platform/adapters/third-party-call.policy';
import { Agent, Dispatcher, request } from 'undici';
import { z } from 'zod';
import { BankAccountDetails, BankGateway, BankTransferResult, BankUnavailableError } from '../application/bank.gateway';

export type BankMode = 'test' | 'live';
const modeOf = (livemode: boolean): BankMode => (livemode ? 'live' : 'test');

/** A request or an answer of the other mode reached this client: a wiring fault, never sent on. */
export class BankModeMismatchError extends Error {
  override readonly name = 'BankModeMismatchError';
}

export interface BankHttpOptions {
  /** The one mode this client serves; its credential must be of that mode. */
  mode: BankMode;
  baseUrl: string;
  /** `sk_test_…` or `sk_live_…`: the prefix carries the mode on every call. */
  apiKey: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts per call, the first included (default 3), all under the same idempotency key. */
  maxAttempts?: number;
  breakerThreshold?: number;
  breakerHalfOpenAfterMs?: number;
}

const Account = z.object({ token: z.string(), last4: z.string(), country: z.string(), currency: z.string(), livemode: z.boolean() });
const Transfer = z.object({ id: z.string(), reference: z.string(), amount: z.number(), currency: z.string(), livemode: z.boolean() });
const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string().optional() }) });

// A 400 or 422 with the bank's error code is its definitive refusal: it did not and will not make the
// transfer (account_not_found, account_frozen, invalid_request…). Anything else (401/403: our key;
// 404: a wrong URL; 409: the key already used differently; 5xx, timeouts, unreadable answers) says
// nothing certain about the transfer, so the caller retries later with the same idempotency key.
const DEFINITIVE_REFUSAL_STATUSES = new Set([400, 422]);

type Answer = { status: number; body: unknown };

/**
 * The bank over HTTP: a timeout per attempt, a few quick retries under the same idempotency key and a
 * circuit breaker, so an outage fails fast and the task queue's slower backoff does the waiting.
 */
export class HttpBankGateway implements BankGateway {
  private readonly policy: IPolicy;
  private readonly pool = new Agent({ connections: 16, keepAliveTimeout: 30_000 });

  constructor(private readonly options: BankHttpOptions) {
    if (!options.apiKey.startsWith(`sk_${options.mode}_`)) throw new Error(`the ${options.mode}-mode bank client needs an sk_${options.mode}_ API key`);
    // Our maxAttempts counts every attempt; the policy counts the retries after the first.
    this.policy = thirdPartyCallPolicy({
      isTransient: (error) => error instanceof BankUnavailableError,
      retries: (options.maxAttempts ?? 3) - 1,
      timeoutMs: options.timeoutMs ?? 5000,
      breakerThreshold: options.breakerThreshold,
      breakerHalfOpenAfterMs: options.breakerHalfOpenAfterMs,
    });
  }

  get mode(): BankMode {
    return this.options.mode;
  }

  async lookupAccount(livemode: boolean, token: string): Promise<BankAccountDetails | null> {
    this.assertMode(livemode);
    const answer = await this.call('GET', `/v1/accounts/${encodeURIComponent(token)}`, {}, undefined);
    if (answer.status === 404 && errorCode(answer) === 'resource_missing') return null;
    if (answer.status !== 200) throw new BankUnavailableError(`bank answered ${answer.status} (${errorCode(answer)}) to an account look-up`);
    const account = this.checked(parse(Account, answer.body, 'account'));
    return { token: account.token, last4: account.last4, country: account.country, currency: account.currency };
  }

  async createTransfer(req: Parameters<BankGateway['createTransfer']>[0]): Promise<BankTransferResult> {
    this.assertMode(req.livemode);
    const body = { amount: req.amount, currency: req.currency, destination: req.token, reference: req.payoutId };
    const answer = await this.call('POST', '/v1/transfers', { 'content-type': 'application/json', 'idempotency-key': req.idempotencyKey }, JSON.stringify(body));
    if (answer.status === 200) {
      const transfer = this.checked(parse(Transfer, answer.body, 'transfer'));
      if (transfer.reference !== req.payoutId || transfer.amount !== req.amount || transfer.currency !== req.currency) {
        throw new BankUnavailableError('the bank answered with a transfer that is not the one requested');
      }
      return { kind: 'accepted', transferId: transfer.id };
    }
    const refusal = ErrorBody.safeParse(answer.body);
    if (DEFINITIVE_REFUSAL_STATUSES.has(answer.status) && refusal.success) {
      return { kind: 'rejected', code: refusal.data.error.code, message: refusal.data.error.message ?? 'The bank refused the transfer.' };
    }
    throw new BankUnavailableError(`bank answered ${answer.status} (${errorCode(answer)}) to a transfer; its outcome is unknown`);
  }

  // The bank's answer declares its mode: an answer from the other side is refused, whatever it says.
  private checked<T extends { livemode: boolean }>(answer: T): T {
    if (modeOf(answer.livemode) !== this.options.mode) {
      throw new BankModeMismatchError(`the ${this.options.mode}-mode bank client got an answer declaring ${modeOf(answer.livemode)} mode`);
    }
    return answer;
  }

  private assertMode(livemode: boolean): void {
    if (modeOf(livemode) !== this.options.mode) {
      throw new BankModeMismatchError(`a ${modeOf(livemode)}-mode request reached the ${this.options.mode}-mode bank client`);
    }
  }

  private async call(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body: string | undefined): Promise<Answer> {
    try {
      return await this.policy.execute(async ({ signal }) => {
        let response: Dispatcher.ResponseData;
        try {
          response = await request(`${this.options.baseUrl}${path}`, {
            method,
            headers: { ...headers, authorization: `Bearer ${this.options.apiKey}` },
            body,
            signal,
            dispatcher: this.pool,
          });
        } catch (error) {
          if (signal.aborted) throw error;
          throw new BankUnavailableError(`bank unreachable: ${String(error)}`, { cause: error });
        }
        const parsed: unknown = await response.body.json().catch(() => null);
        if (response.statusCode >= 500 || response.statusCode === 429) throw new BankUnavailableError(`bank answered ${response.statusCode}`);
        return { status: response.statusCode, body: parsed };
      });
    } catch (error) {
      if (error instanceof TaskCancelledError) throw new BankUnavailableError('bank timed out', { cause: error });
      if (error instanceof BrokenCircuitError) throw new BankUnavailableError('bank circuit open after repeated failures', { cause: error });
      throw error;
    }
  }

  /** Closes pooled connections (tests and shutdown). */
  close(): Promise<void> {
    return this.pool.close();
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new BankUnavailableError(`the bank's ${what} answer is unreadable`);
  return parsed.data;
}

function errorCode(answer: Answer): string {
  const parsed = ErrorBody.safeParse(answer.body);
  return parsed.success ? parsed.data.error.code : `http_${answer.status}`;
}
