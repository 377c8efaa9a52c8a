import { CardDetails, ProcessorName } from '../domain/payment';
import { AuthorizeResult, CaptureResult, ProcessorGateway, RefundResult, VoidResult } from '../application/processor.gateway';
import { ConnectorNotReachedError, ConnectorOutcomeUnknownError, DisputeResponseOutcome, PaymentLookup } from '../application/processor-connector';

/**
 * A scripted answer: a value, or a thrown error standing for a timeout / 5xx / open circuit. With
 * `tookEffect`, the processor acted before the error (timeout after success): a look-up finds it.
 */
export type Scripted<R> = R | { readonly throws: Error; readonly tookEffect?: R };

export type ProcessorCall =
  | { readonly method: 'authorize'; readonly request: Parameters<ProcessorGateway['authorize']>[0] }
  | { readonly method: 'capture'; readonly request: Parameters<ProcessorGateway['capture']>[0] }
  | { readonly method: 'void'; readonly request: Parameters<ProcessorGateway['void']>[0] }
  | { readonly method: 'refund'; readonly request: Parameters<ProcessorGateway['refund']>[0] }
  | { readonly method: 'lookup'; readonly request: Parameters<ProcessorGateway['lookup']>[0] }
  | { readonly method: 'respondToDispute'; readonly request: Parameters<ProcessorGateway['respondToDispute']>[0] };

export const TEST_CARD: CardDetails = { brand: 'visa', last4: '4242', country: 'US', fingerprint: 'fp_test_4242' };

export const transient = (message = 'processor timed out'): { throws: Error } => ({ throws: new ConnectorOutcomeUnknownError(message) });
export const notReached = (message = 'connection refused'): { throws: Error } => ({ throws: new ConnectorNotReachedError(message) });
export const declined = (code = 'card_declined', message = 'Your card was declined.'): AuthorizeResult => ({ approved: false, code, message });

/**
 * Fake card processors. Every call is recorded with the processor it was sent to; each method
 * answers from its script (first in, first out, whichever processor is called) and, once that is
 * empty, approves with ids derived from the request. What each processor authorised, captured and
 * refunded is remembered, so `lookup` answers as a processor would.
 */
export class InMemoryProcessorGateway implements ProcessorGateway {
  readonly calls: ProcessorCall[] = [];
  private readonly scripts = { authorize: [] as Scripted<AuthorizeResult>[], capture: [] as Scripted<CaptureResult>[], void: [] as Scripted<VoidResult>[], refund: [] as Scripted<RefundResult>[], dispute: [] as Scripted<DisputeResponseOutcome>[] };
  private readonly held = new Map<string, { authorization: AuthorizeResult; capture: { id: string; amount: number; pending: boolean } | null; refunds: Map<string, { id: string; amount: number; pending: boolean }> }>();

  constructor(
    private readonly card: CardDetails = TEST_CARD,
    private readonly configured: readonly ProcessorName[] = ['sandbox_processor'],
  ) {}

  processors(): readonly ProcessorName[] {
    return this.configured;
  }

  nextAuthorize(...answers: Scripted<AuthorizeResult>[]): this {
    this.scripts.authorize.push(...answers);
    return this;
  }

  nextCapture(...answers: Scripted<CaptureResult>[]): this {
    this.scripts.capture.push(...answers);
    return this;
  }

  nextVoid(...answers: Scripted<VoidResult>[]): this {
    this.scripts.void.push(...answers);
    return this;
  }

  nextRefund(...answers: Scripted<RefundResult>[]): this {
    this.scripts.refund.push(...answers);
    return this;
  }

  nextDisputeResponse(...answers: Scripted<DisputeResponseOutcome>[]): this {
    this.scripts.dispute.push(...answers);
    return this;
  }

  callsTo<M extends ProcessorCall['method']>(method: M): Array<Extract<ProcessorCall, { method: M }>> {
    return this.calls.filter((call): call is Extract<ProcessorCall, { method: M }> => call.method === method);
  }

  /** The processor confirms a pending capture or refund (what its notification reports). */
  confirm(processor: ProcessorName, reference: string): void {
    const entry = this.held.get(`${processor}:${reference}`);
    if (entry?.capture) entry.capture.pending = false;
    for (const held of this.held.values()) {
      const refund = held.refunds.get(reference);
      if (refund) refund.pending = false;
    }
  }

  async authorize(request: Parameters<ProcessorGateway['authorize']>[0]): Promise<AuthorizeResult> {
    this.calls.push({ method: 'authorize', request: { ...request } });
    const key = `${request.processor}:${request.reference}`;
    const earlier = this.held.get(key);
    // The same key at the same processor replays its first answer, as a processor's idempotency does.
    if (earlier) return earlier.authorization;
    return answer(this.scripts.authorize, { approved: true, authorizationId: `auth_${request.reference}`, card: this.card }, (result) => {
      this.held.set(key, { authorization: result, capture: null, refunds: new Map() });
    });
  }

  async capture(request: Parameters<ProcessorGateway['capture']>[0]): Promise<CaptureResult> {
    this.calls.push({ method: 'capture', request: { ...request } });
    return answer(this.scripts.capture, { captured: true, captureId: `cap_${request.authorizationId}` }, (result) => {
      const entry = this.held.get(`${request.processor}:${request.reference}`);
      if (!entry) return;
      if ('pending' in result) entry.capture = { id: result.captureId, amount: request.amount, pending: true };
      else if (result.captured) entry.capture = { id: result.captureId, amount: request.amount, pending: false };
    });
  }

  async void(request: Parameters<ProcessorGateway['void']>[0]): Promise<VoidResult> {
    this.calls.push({ method: 'void', request: { ...request } });
    return answer(this.scripts.void, { voided: true }, () => undefined);
  }

  async refund(request: Parameters<ProcessorGateway['refund']>[0]): Promise<RefundResult> {
    this.calls.push({ method: 'refund', request: { ...request } });
    return answer(this.scripts.refund, { refunded: true, processorRefundId: `pr_${request.idempotencyKey}` }, (result) => {
      const entry = [...this.held.entries()].find(([key, held]) => key.startsWith(`${request.processor}:`) && held.authorization.approved && held.authorization.authorizationId === request.authorizationId)?.[1];
      if (!entry) return;
      if ('pending' in result) entry.refunds.set(request.reference, { id: result.processorRefundId, amount: request.amount, pending: true });
      else if (result.refunded) entry.refunds.set(request.reference, { id: result.processorRefundId, amount: request.amount, pending: false });
    });
  }

  async lookup(request: Parameters<ProcessorGateway['lookup']>[0]): Promise<PaymentLookup> {
    this.calls.push({ method: 'lookup', request: { ...request } });
    const direct = this.held.get(`${request.processor}:${request.reference}`);
    const entry = direct ?? [...this.held.entries()].find(([key, held]) => key.startsWith(`${request.processor}:`) && held.refunds.has(request.reference))?.[1];
    if (!entry) return { found: false };
    const state = (reference: string, m: { id: string; amount: number; pending: boolean }) => ({ processorReference: m.id, reference, amount: m.amount, status: m.pending ? ('pending' as const) : ('succeeded' as const) });
    return {
      found: true,
      authorization: entry.authorization,
      capture: entry.capture ? state(request.reference, entry.capture) : null,
      void: null,
      refunds: [...entry.refunds.entries()].map(([reference, m]) => state(reference, m)),
    };
  }

  async respondToDispute(request: Parameters<ProcessorGateway['respondToDispute']>[0]): Promise<DisputeResponseOutcome> {
    this.calls.push({ method: 'respondToDispute', request: structuredClone(request) });
    return answer(this.scripts.dispute, { status: 'accepted' }, () => undefined);
  }
}

function answer<R extends object>(script: Scripted<R>[], fallback: R, effect: (result: R) => void): R {
  const next = script.shift();
  if (next === undefined) {
    effect(fallback);
    return fallback;
  }
  if ('throws' in next) {
    if (next.tookEffect) effect(next.tookEffect);
    throw next.throws;
  }
  effect(next);
  return next;
}
