import { IPolicy } from 'cockatiel';
import { ReachTracker } from './reach-tracker';
import { Webhook } from 'standardwebhooks';
import { Agent, Dispatcher, request } from 'undici';
import { z } from 'zod';
import { thirdPartyCallPolicy } from '../../platform/adapters/third-party-call.policy';
import { parseAcquirerNotification } from './euro-acquirer.notifications';
import { formatMajorUnits, parseMajorUnits } from '../../shared/major-units';
import { AuthorizeResult, DECLINE_MESSAGES, modeOf, ProcessorMode, ProcessorModeMismatchError } from '../application/processor.gateway';
import {
  ConnectorNotReachedError,
  ConnectorOutcomeUnknownError,
  DisputeResponseOutcome,
  ModificationOutcome,
  ModificationState,
  NotificationParse,
  PaymentLookup,
  ProcessorConnector,
} from '../application/processor-connector';

export interface EuroAcquirerOptions {
  mode: ProcessorMode;
  baseUrl: string;
  /** `ak_test_…` / `ak_live_…`. */
  apiKey: string;
  /** Standard Webhooks secrets (`whsec_…`), newest first: more than one while a secret is rotated. */
  notificationSecrets: readonly string[];
  timeoutMs?: number;
  retries?: number;
  breakerThreshold?: number;
}

// The acquirer's vocabulary, mapped here and nowhere else.
const REFUSAL_CODES: Record<string, string> = { '05': 'card_declined', '51': 'insufficient_funds' };
const BRANDS: Record<string, string> = { VISA: 'visa', MC: 'mastercard', AMEX: 'amex' };

const Amount = z.object({ value: z.string(), currency: z.string() });
const Modification = z.object({ pspReference: z.string(), merchantReference: z.string(), amount: Amount, status: z.enum(['received', 'confirmed']) });
const Authorisation = z.object({
  pspReference: z.string(),
  merchantReference: z.string(),
  resultCode: z.enum(['Authorised', 'Refused']),
  refusalReasonCode: z.string().nullable(),
  cardSummary: z.object({ brand: z.string(), lastFour: z.string(), issuerCountry: z.string(), fingerprint: z.string() }),
  live: z.boolean(),
});
const PaymentView = Authorisation.extend({ capture: Modification.nullable(), cancellation: Modification.nullable(), refunds: z.array(Modification) });
const Received = z.object({ pspReference: z.string(), status: z.literal('received') });
const ErrorView = z.object({ errorCode: z.string() });
type Answer = { status: number; body: unknown };

/** The sandbox European acquirer (infra/sandbox-acquirer) behind the connector port. */
export class EuroAcquirerConnector implements ProcessorConnector {
  readonly name = 'euro_acquirer' as const;
  private readonly policy: IPolicy;
  private readonly pool = new Agent({ connections: 32, keepAliveTimeout: 30_000 });
  private readonly verifiers: Webhook[];

  constructor(private readonly options: EuroAcquirerOptions) {
    if (!options.apiKey.startsWith(`ak_${options.mode}_`)) throw new Error(`the ${options.mode}-mode acquirer connector needs an ak_${options.mode}_ API key`);
    if (options.notificationSecrets.length === 0) throw new Error('the acquirer connector needs at least one notification secret');
    this.verifiers = options.notificationSecrets.map((secret) => new Webhook(secret));
    this.policy = thirdPartyCallPolicy({
      isTransient: (error) => error instanceof ConnectorOutcomeUnknownError || error instanceof ConnectorNotReachedError,
      retries: options.retries ?? 2,
      timeoutMs: options.timeoutMs ?? 2000,
      breakerThreshold: options.breakerThreshold,
    });
  }

  async authorize(req: Parameters<ProcessorConnector['authorize']>[0]): Promise<AuthorizeResult> {
    this.assertMode(req.livemode);
    const body = { merchantReference: req.reference, amount: this.amount(req.amount, req.currency), paymentMethod: { type: 'token', token: req.token } };
    const answer = await this.resolving(() => this.post('/api/v2/payments', req.idempotencyKey, body));
    if (answer?.status === 200) return this.authorisation(answer.body);
    const code = answer ? errorCode(answer) : 'no_answer';
    // Refused as invalid, so it cannot have taken effect.
    if (code === '14_002') return { approved: false, code: 'invalid_payment_method', message: DECLINE_MESSAGES.invalid_token! };
    if (code === '14_000' || code === '14_001') return { approved: false, code: 'processing_error', message: 'The processor refused the request.' };
    const found = await this.settle(req.livemode, req.reference);
    if (found.found) return found.authorization;
    throw new ConnectorOutcomeUnknownError(`acquirer answered ${code} to an authorisation and holds none under ${req.reference}`);
  }

  async capture(req: Parameters<ProcessorConnector['capture']>[0]): Promise<ModificationOutcome> {
    this.assertMode(req.livemode);
    const answer = await this.resolving(() => this.post(`/api/v2/payments/${encodeURIComponent(req.authorizationId)}/captures`, req.idempotencyKey, { merchantReference: req.reference, amount: this.amount(req.amount, req.currency) }));
    if (answer?.status === 202) return { status: 'pending', processorReference: Received.parse(answer.body).pspReference };
    if (answer && errorCode(answer) === '30_410') return { status: 'refused', code: 'capture_failed', message: 'The acquirer refused the capture amount.' };
    const found = await this.settle(req.livemode, req.reference);
    if (found.found && found.capture) return stateOutcome(found.capture);
    if (found.found || answer?.status === 404 || answer?.status === 409) return { status: 'refused', code: 'capture_failed', message: 'The authorisation cannot be captured.' };
    throw new ConnectorOutcomeUnknownError('acquirer gave no capture answer and holds no capture yet');
  }

  async void(req: Parameters<ProcessorConnector['void']>[0]): Promise<ModificationOutcome> {
    this.assertMode(req.livemode);
    const answer = await this.resolving(() => this.post(`/api/v2/payments/${encodeURIComponent(req.authorizationId)}/cancels`, req.idempotencyKey, { merchantReference: req.reference }));
    if (answer?.status === 202) return { status: 'pending', processorReference: Received.parse(answer.body).pspReference };
    const found = await this.settle(req.livemode, req.reference);
    if (found.found && found.void) return stateOutcome(found.void);
    if (found.found && found.capture) return { status: 'refused', code: 'already_captured', message: 'The authorisation was captured.' };
    if (found.found || answer?.status === 404 || answer?.status === 409) return { status: 'refused', code: 'not_approved', message: 'There is no authorisation to void.' };
    throw new ConnectorOutcomeUnknownError('acquirer gave no cancel answer and holds no cancellation yet');
  }

  async refund(req: Parameters<ProcessorConnector['refund']>[0]): Promise<ModificationOutcome> {
    this.assertMode(req.livemode);
    const answer = await this.resolving(() => this.post(`/api/v2/payments/${encodeURIComponent(req.authorizationId)}/refunds`, req.idempotencyKey, { merchantReference: req.reference, amount: this.amount(req.amount, req.currency) }));
    if (answer?.status === 202) return { status: 'pending', processorReference: Received.parse(answer.body).pspReference };
    if (answer && errorCode(answer) === '30_410') return { status: 'refused', code: 'refund_exceeds_capture', message: 'The refund exceeds what is left of the capture.' };
    const found = await this.settle(req.livemode, req.reference);
    const refund = found.found ? found.refunds.find((r) => r.reference === req.reference) : undefined;
    if (refund) return stateOutcome(refund);
    if (found.found || answer?.status === 404 || answer?.status === 409) return { status: 'refused', code: 'refund_failed', message: 'The payment cannot be refunded.' };
    throw new ConnectorOutcomeUnknownError('acquirer gave no refund answer and holds no refund under its reference yet');
  }

  async lookup(req: Parameters<ProcessorConnector['lookup']>[0]): Promise<PaymentLookup> {
    this.assertMode(req.livemode);
    const answer = await this.call('GET', `/api/v2/payments?merchantReference=${encodeURIComponent(req.reference)}`, {}, undefined);
    if (answer.status !== 200) throw new ConnectorOutcomeUnknownError(`acquirer answered ${answer.status} to a look-up`);
    const payments = z.object({ data: z.array(PaymentView) }).parse(answer.body).data;
    const payment = payments.find((p) => p.merchantReference === req.reference) ?? payments.find((p) => p.refunds.some((r) => r.merchantReference === req.reference));
    if (!payment) return { found: false };
    return {
      found: true,
      authorization: this.authorisation(payment),
      capture: payment.capture ? modificationState(payment.capture) : null,
      void: payment.cancellation ? modificationState(payment.cancellation) : null,
      refunds: payment.refunds.map(modificationState),
    };
  }

  async respondToDispute(req: Parameters<ProcessorConnector['respondToDispute']>[0]): Promise<DisputeResponseOutcome> {
    this.assertMode(req.livemode);
    const path = `/api/v2/disputes/${encodeURIComponent(req.processorDisputeId)}/${req.response.kind === 'accept' ? 'accept' : 'defend'}`;
    const body = req.response.kind === 'accept' ? { merchantReference: req.reference } : { merchantReference: req.reference, defenseDocuments: Object.entries(req.response.evidence).map(([type, content]) => ({ type, content })) };
    // Idempotent under its key: an unknown outcome is retried by the task with the same key.
    const answer = await this.post(path, req.idempotencyKey, body);
    if (answer.status === 200) return { status: 'accepted' };
    if (answer.status === 404 || answer.status === 409 || answer.status === 422) return { status: 'refused', code: answer.status === 422 ? 'invalid_evidence' : answer.status === 404 ? 'dispute_not_found' : 'dispute_not_open', message: `The acquirer refused it (${errorCode(answer)}).` };
    throw new ConnectorOutcomeUnknownError(`acquirer answered ${answer.status} to a dispute response`);
  }

  parseNotification(rawBody: Buffer, headers: Readonly<Record<string, string | undefined>>): NotificationParse {
    return parseAcquirerNotification(rawBody, headers, this.verifiers, this.options.mode);
  }

  /** Closes pooled connections (tests and shutdown). */
  close(): Promise<void> {
    return this.pool.close();
  }

  private authorisation(body: unknown): AuthorizeResult {
    const auth = Authorisation.parse(body);
    if (modeOf(auth.live) !== this.options.mode) throw new ProcessorModeMismatchError(`the ${this.options.mode}-mode acquirer connector got an answer declaring ${modeOf(auth.live)} mode`);
    if (auth.resultCode === 'Refused') {
      const code = REFUSAL_CODES[auth.refusalReasonCode ?? ''] ?? 'card_declined';
      return { approved: false, code, message: DECLINE_MESSAGES[code] ?? DECLINE_MESSAGES.card_declined! };
    }
    const card = auth.cardSummary;
    return { approved: true, authorizationId: auth.pspReference, card: { brand: BRANDS[card.brand] ?? card.brand.toLowerCase(), last4: card.lastFour, country: card.issuerCountry.toLowerCase(), fingerprint: card.fingerprint } };
  }

  private amount(minor: number, currency: string) {
    return { value: formatMajorUnits(minor, currency), currency: currency.toUpperCase() };
  }

  /**
   * The look-up that settles an answer we could not take at its word. Once a request may have been sent,
   * a look-up that cannot reach the acquirer proves nothing: it is an unknown outcome, never "not reached",
   * or a caller could authorise the payment elsewhere while this one stands.
   */
  private async settle(livemode: boolean, reference: string): Promise<PaymentLookup> {
    try {
      return await this.lookup({ livemode, reference });
    } catch (error) {
      if (error instanceof ConnectorNotReachedError) throw new ConnectorOutcomeUnknownError(`a request may have reached the acquirer and the look-up cannot: ${error.message}`);
      throw error;
    }
  }

  /** A call whose outcome is unknown gives no answer (null): the caller then looks it up by reference. Not reached stays an error. */
  private async resolving(send: () => Promise<Answer>): Promise<Answer | null> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof ConnectorOutcomeUnknownError) return null;
      throw error;
    }
  }

  private assertMode(livemode: boolean): void {
    if (modeOf(livemode) !== this.options.mode) throw new ProcessorModeMismatchError(`a ${modeOf(livemode)}-mode request reached the ${this.options.mode}-mode acquirer connector`);
  }

  private post(path: string, idempotencyKey: string, body: object): Promise<Answer> {
    return this.call('POST', path, { 'content-type': 'application/json', 'idempotency-key': idempotencyKey }, JSON.stringify(body));
  }

  private async call(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body: string | undefined): Promise<Answer> {
    // "Not reached" only when no attempt can have carried the request (reach-tracker.ts).
    const reach = new ReachTracker();
    try {
      return await this.policy.execute(async ({ signal }) => {
        reach.starting();
        let response: Dispatcher.ResponseData;
        try {
          response = await request(`${this.options.baseUrl}${path}`, { method, headers: { ...headers, 'x-api-key': this.options.apiKey }, body, signal, dispatcher: this.pool });
        } catch (error) {
          reach.failed((error as { code?: string }).code === 'ECONNREFUSED');
          if (signal.aborted) throw error;
          // Refused: nothing was sent. Anything else (a reset, a closed socket) may have carried the request.
          if ((error as { code?: string }).code === 'ECONNREFUSED') throw new ConnectorNotReachedError(`acquirer refused the connection`);
          throw new ConnectorOutcomeUnknownError(`acquirer unreachable: ${String(error)}`);
        }
        reach.answered();
        const parsed: unknown = await response.body.json().catch(() => null);
        if (response.statusCode >= 500 || response.statusCode === 429) throw new ConnectorOutcomeUnknownError(`acquirer answered ${response.statusCode}`);
        return { status: response.statusCode, body: parsed };
      });
    } catch (error) {
      const verdict = reach.verdict(error);
      if (verdict === 'maybe_reached') throw new ConnectorOutcomeUnknownError(`an earlier attempt may have reached the acquirer: ${String(error)}`);
      // An open breaker sends nothing: as certain as a refused connection.
      if (verdict === 'not_reached') throw error instanceof ConnectorNotReachedError ? error : new ConnectorNotReachedError('acquirer breaker is open');
      if (error instanceof ConnectorOutcomeUnknownError || error instanceof ProcessorModeMismatchError) throw error;
      throw new ConnectorOutcomeUnknownError(`acquirer call failed: ${String(error)}`);
    }
  }
}

function errorCode(answer: Answer): string {
  const parsed = ErrorView.safeParse(answer.body);
  return parsed.success ? parsed.data.errorCode : `http_${answer.status}`;
}

function modificationState(m: z.infer<typeof Modification>): ModificationState {
  const amount = parseMajorUnits(m.amount.value, m.amount.currency);
  if (amount === null) throw new ConnectorOutcomeUnknownError(`acquirer reported an unreadable amount ${m.amount.value} ${m.amount.currency}`);
  return { processorReference: m.pspReference, reference: m.merchantReference, amount, status: m.status === 'confirmed' ? 'succeeded' : 'pending' };
}

const stateOutcome = (state: ModificationState): ModificationOutcome => ({ status: state.status, processorReference: state.processorReference });
