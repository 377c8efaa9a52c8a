import { IPolicy } from 'cockatiel';
import { ReachTracker } from './reach-tracker';
import { ConnectorNotReachedError } from '../application/processor-connector';
import { thirdPartyCallPolicy } from '../../platform/adapters/third-party-call.policy';
import { Agent, Dispatcher, request } from 'undici';
import { z } from 'zod';
import { DECLINE_MESSAGES, AuthorizeResult, modeOf, ProcessorMode, ProcessorModeMismatchError, VoidResult } from '../application/processor.gateway';

// The sandbox processor's client, in its own request shapes; SandboxProcessorConnector puts it behind the connector port.
type CaptureResult = { readonly captured: true; readonly captureId: string } | { readonly captured: false; readonly code: string; readonly message: string };
type RefundResult = { readonly refunded: true; readonly processorRefundId: string } | { readonly refunded: false; readonly code: string };
export interface SandboxProcessorApi {
  authorize(request: { livemode: boolean; idempotencyKey: string; token: string; amount: number; currency: string; reference: string }): Promise<AuthorizeResult>;
  capture(request: { livemode: boolean; idempotencyKey: string; authorizationId: string; amount: number }): Promise<CaptureResult>;
  void(request: { livemode: boolean; idempotencyKey: string; authorizationId: string }): Promise<VoidResult>;
  refund(request: { livemode: boolean; idempotencyKey: string; captureId: string; amount: number; reference?: string }): Promise<RefundResult>;
}
type ProcessorGateway = SandboxProcessorApi;

/** We do not know whether the processor acted: retry with the same idempotency key. */
export class ProcessorUnavailableError extends Error {}

/** The processor's answer was neither a result nor an explicit refusal, and looking the attempt up did not settle it. */
export class ProcessorOutcomeUnknownError extends ProcessorUnavailableError {}

export interface ProcessorHttpOptions {
  /** The one mode this client serves; its credential must be of that mode. */
  mode: ProcessorMode;
  baseUrl: string;
  /** `sk_test_…` or `sk_live_…`: the prefix carries the mode on every call. */
  apiKey: string;
  timeoutMs?: number;
  maxAttempts?: number;
  breakerThreshold?: number;
  breakerHalfOpenAfterMs?: number;
}

const Card = z.object({ brand: z.string(), last4: z.string(), country: z.string(), fingerprint: z.string() });
const Authorization = z.object({
  id: z.string(),
  status: z.enum(['approved', 'declined']),
  decline_code: z.string().nullable(),
  card: Card,
  livemode: z.boolean(),
  voided: z.boolean().optional(),
  capture: z.string().nullable().optional(),
});
const Created = z.object({ id: z.string(), livemode: z.boolean() });
const RefundView = z.object({ id: z.string(), amount: z.number().int(), reference: z.string().nullable(), livemode: z.boolean() });
const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string().optional() }) });


// Only these refusals are final: the processor says explicitly that it did not and will not act.
// Anything else (409 key in use, 401/403, 408, 422, an unknown code) may hide an attempt that went
// through, so it is resolved by looking the attempt up, and stays unknown (retry) until it is. A
// 400 (the request itself is invalid, so it cannot have taken effect) is final once the look-up
// finds nothing: retrying it would only loop.
const FINAL_AUTHORIZE_REFUSALS = new Set(['invalid_token']);
const FINAL_CAPTURE_REFUSALS = new Set(['amount_too_large']);
const FINAL_REFUND_REFUSALS = new Set(['refund_exceeds_capture', 'amount_too_large', 'resource_not_found']);

type Answer = { status: number; body: unknown };

// Timeout per attempt, a few quick retries, and a breaker so that a processor outage fails
// fast and leaves the retrying to Cloud Tasks' slower backoff instead of piling up requests.
export class HttpProcessorGateway implements SandboxProcessorApi {
  private readonly policy: IPolicy;
  // Pooled keep-alive connections via undici's request(): far less CPU per call than fetch().
  private readonly pool = new Agent({ connections: 64, keepAliveTimeout: 30_000 });

  constructor(private readonly options: ProcessorHttpOptions) {
    if (!options.apiKey.startsWith(`sk_${options.mode}_`)) throw new Error(`the ${options.mode}-mode processor client needs an sk_${options.mode}_ API key`);
    // Here maxAttempts has always meant the retries after the first call (cockatiel's sense).
    this.policy = thirdPartyCallPolicy({
      isTransient: (error) => error instanceof ProcessorUnavailableError || error instanceof ConnectorNotReachedError,
      retries: options.maxAttempts ?? 3,
      timeoutMs: options.timeoutMs ?? 2000,
      breakerThreshold: options.breakerThreshold,
      breakerHalfOpenAfterMs: options.breakerHalfOpenAfterMs,
    });
  }

  get mode(): ProcessorMode {
    return this.options.mode;
  }

  async authorize(request: Parameters<ProcessorGateway['authorize']>[0]): Promise<AuthorizeResult> {
    this.assertMode(request.livemode);
    const answer = await this.post('/v1/authorizations', request.idempotencyKey, { token: request.token, amount: request.amount, currency: request.currency, reference: request.reference });
    if (answer.status === 200) return this.authorizeResult(answer.body);
    const code = errorCode(answer);
    if (answer.status === 400 && FINAL_AUTHORIZE_REFUSALS.has(code)) {
      return { approved: false, code: 'invalid_payment_method', message: DECLINE_MESSAGES.invalid_token };
    }
    const found = await this.get(`/v1/authorizations?idempotency_key=${encodeURIComponent(request.idempotencyKey)}`);
    if (found.status === 200) return this.authorizeResult(found.body);
    if (answer.status === 400) return { approved: false, code: 'processing_error', message: 'The processor refused the request.' };
    throw new ProcessorOutcomeUnknownError(`processor answered ${answer.status} (${code}) to an authorisation and has no attempt under its key yet`);
  }

  async capture(request: Parameters<ProcessorGateway['capture']>[0]): Promise<CaptureResult> {
    this.assertMode(request.livemode);
    const path = `/v1/authorizations/${encodeURIComponent(request.authorizationId)}`;
    const answer = await this.post(`${path}/capture`, request.idempotencyKey, { amount: request.amount });
    if (answer.status === 200) return { captured: true, captureId: this.created(answer.body).id };
    const code = errorCode(answer);
    if (answer.status === 400 && FINAL_CAPTURE_REFUSALS.has(code)) return { captured: false, code: 'capture_failed', message: `The processor refused the capture (${code}).` };
    const authorization = await this.findAuthorization(path);
    if (authorization === null) return { captured: false, code: 'capture_failed', message: 'The processor has no such authorisation.' };
    if (authorization.capture) return { captured: true, captureId: authorization.capture };
    if (authorization.voided || authorization.status === 'declined') return { captured: false, code: 'capture_failed', message: 'The authorisation was voided or declined.' };
    if (answer.status === 400) return { captured: false, code: 'capture_failed', message: `The processor refused the capture (${code}).` };
    throw new ProcessorOutcomeUnknownError(`processor answered ${answer.status} (${code}) to a capture and the authorisation is not captured yet`);
  }

  async void(request: Parameters<ProcessorGateway['void']>[0]): Promise<VoidResult> {
    this.assertMode(request.livemode);
    const path = `/v1/authorizations/${encodeURIComponent(request.authorizationId)}`;
    const answer = await this.post(`${path}/void`, request.idempotencyKey, {});
    if (answer.status === 200) {
      this.authorizeResult(answer.body);
      return { voided: true };
    }
    const authorization = await this.findAuthorization(path);
    if (authorization === null) return { voided: false, code: 'resource_not_found' };
    if (authorization.voided) return { voided: true };
    if (authorization.capture) return { voided: false, code: 'already_captured' };
    if (authorization.status === 'declined') return { voided: false, code: 'not_approved' };
    if (answer.status === 400) return { voided: false, code: errorCode(answer) };
    throw new ProcessorOutcomeUnknownError(`processor answered ${answer.status} (${errorCode(answer)}) to a void and the authorisation is still held`);
  }

  async refund(request: Parameters<ProcessorGateway['refund']>[0]): Promise<RefundResult> {
    this.assertMode(request.livemode);
    const answer = await this.post('/v1/refunds', request.idempotencyKey, { capture: request.captureId, amount: request.amount, ...(request.reference ? { reference: request.reference } : {}) });
    if (answer.status === 200) return { refunded: true, processorRefundId: this.created(answer.body).id };
    const found = await this.get(`/v1/refunds?idempotency_key=${encodeURIComponent(request.idempotencyKey)}`);
    if (found.status === 200) return { refunded: true, processorRefundId: this.created(found.body).id };
    const code = errorCode(answer);
    if (FINAL_REFUND_REFUSALS.has(code) || answer.status === 400) return { refunded: false, code };
    throw new ProcessorOutcomeUnknownError(`processor answered ${answer.status} (${code}) to a refund and has no refund under its key yet`);
  }

  /**
   * What the processor did under our payment id (the authorisation's key is auth_<payment id>) or our
   * refund id (refund_<refund id>): how the connector answers a look-up by reference.
   */
  async lookupByReference(livemode: boolean, reference: string): Promise<{ authorization: z.infer<typeof Authorization> | null; refund: z.infer<typeof RefundView> | null }> {
    this.assertMode(livemode);
    const auth = await this.get(`/v1/authorizations?idempotency_key=${encodeURIComponent(`auth_${reference}`)}`);
    if (auth.status === 200) return { authorization: this.checked(Authorization.parse(auth.body)), refund: null };
    if (auth.status !== 404) throw new ProcessorOutcomeUnknownError(`processor answered ${auth.status} to an authorisation look-up`);
    const refund = await this.get(`/v1/refunds?idempotency_key=${encodeURIComponent(`refund_${reference}`)}`);
    if (refund.status === 200) return { authorization: null, refund: this.checked(RefundView.parse(refund.body)) };
    if (refund.status !== 404) throw new ProcessorOutcomeUnknownError(`processor answered ${refund.status} to a refund look-up`);
    return { authorization: null, refund: null };
  }

  /** Evidence or an acceptance for one of its disputes: the status it answered and its error code, if any. */
  async respondToDispute(request: { livemode: boolean; idempotencyKey: string; disputeId: string; evidence: Readonly<Record<string, string>> | null }): Promise<{ status: number; code: string | null }> {
    this.assertMode(request.livemode);
    const path = `/v1/disputes/${encodeURIComponent(request.disputeId)}/${request.evidence ? 'evidence' : 'accept'}`;
    const answer = await this.post(path, request.idempotencyKey, request.evidence ? { evidence: request.evidence } : {});
    if (answer.status >= 500) throw new ProcessorOutcomeUnknownError(`processor answered ${answer.status} to a dispute response`);
    return { status: answer.status, code: answer.status === 200 ? null : errorCode(answer) };
  }

  /** The authorisation as the processor holds it, or null when it says there is none. */
  private async findAuthorization(path: string): Promise<z.infer<typeof Authorization> | null> {
    const found = await this.get(path);
    if (found.status === 404) return null;
    if (found.status !== 200) throw new ProcessorOutcomeUnknownError(`processor answered ${found.status} to an authorisation look-up`);
    return this.checked(Authorization.parse(found.body));
  }

  private authorizeResult(body: unknown): AuthorizeResult {
    const auth = this.checked(Authorization.parse(body));
    if (auth.status === 'approved') return { approved: true, authorizationId: auth.id, card: auth.card };
    const code = auth.decline_code ?? 'card_declined';
    return { approved: false, code, message: DECLINE_MESSAGES[code] ?? DECLINE_MESSAGES.card_declined };
  }

  private created(body: unknown): { id: string } {
    return this.checked(Created.parse(body));
  }

  // The processor's answer declares its mode: an answer from the other side is refused, whatever it says.
  private checked<T extends { livemode: boolean }>(answer: T): T {
    if (modeOf(answer.livemode) !== this.options.mode) {
      throw new ProcessorModeMismatchError(`the ${this.options.mode}-mode processor client got an answer declaring ${modeOf(answer.livemode)} mode`);
    }
    return answer;
  }

  private assertMode(livemode: boolean): void {
    if (modeOf(livemode) !== this.options.mode) {
      throw new ProcessorModeMismatchError(`a ${modeOf(livemode)}-mode request reached the ${this.options.mode}-mode processor client`);
    }
  }

  private post(path: string, idempotencyKey: string, body: object): Promise<Answer> {
    return this.call('POST', path, { 'content-type': 'application/json', 'idempotency-key': idempotencyKey }, JSON.stringify(body));
  }

  private get(path: string): Promise<Answer> {
    return this.call('GET', path, {}, undefined);
  }

  private async call(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body: string | undefined): Promise<Answer> {
    // "Not reached" only when no attempt can have carried the request (reach-tracker.ts).
    const reach = new ReachTracker();
    try {
      return await this.attempts(method, path, headers, body, reach);
    } catch (error) {
      switch (reach.verdict(error)) {
        case 'not_reached':
          throw error instanceof ConnectorNotReachedError ? error : new ConnectorNotReachedError('processor breaker is open');
        case 'maybe_reached':
          throw new ProcessorOutcomeUnknownError(`an earlier attempt may have reached the processor: ${String(error)}`);
        case 'other':
          throw error;
      }
    }
  }

  private attempts(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body: string | undefined, track: ReachTracker): Promise<Answer> {
    return this.policy.execute(async ({ signal }) => {
      track.starting();
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
        const refused = (error as { code?: string }).code === 'ECONNREFUSED';
        track.failed(refused);
        if (signal.aborted) throw error;
        if (refused) throw new ConnectorNotReachedError('processor refused the connection');
        throw new ProcessorUnavailableError(`processor unreachable: ${String(error)}`);
      }
      track.answered();
      const parsed: unknown = await response.body.json().catch(() => null);
      if (response.statusCode >= 500 || response.statusCode === 429) throw new ProcessorUnavailableError(`processor answered ${response.statusCode}`);
      return { status: response.statusCode, body: parsed };
    });
  }

  /** Closes pooled connections (tests and shutdown). */
  close(): Promise<void> {
    return this.pool.close();
  }
}

function errorCode(answer: Answer): string {
  const parsed = ErrorBody.safeParse(answer.body);
  return parsed.success ? parsed.data.error.code : `http_${answer.status}`;
}
