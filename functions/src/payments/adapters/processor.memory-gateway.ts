import { CardDetails } from '../domain/payment';
import { AuthorizeResult, CaptureResult, ProcessorGateway, RefundResult, VoidResult } from '../application/processor.gateway';

/** A scripted answer: a value, or a thrown error standing for a timeout / 5xx / open circuit. */
export type Scripted<R> = R | { readonly throws: Error };

export type ProcessorCall =
  | { readonly method: 'authorize'; readonly request: Parameters<ProcessorGateway['authorize']>[0] }
  | { readonly method: 'capture'; readonly request: Parameters<ProcessorGateway['capture']>[0] }
  | { readonly method: 'void'; readonly request: Parameters<ProcessorGateway['void']>[0] }
  | { readonly method: 'refund'; readonly request: Parameters<ProcessorGateway['refund']>[0] };

export const TEST_CARD: CardDetails = { brand: 'visa', last4: '4242', country: 'US', fingerprint: 'fp_test_4242' };

export const transient = (message = 'processor timed out'): { throws: Error } => ({ throws: new Error(message) });
export const declined = (code = 'card_declined', message = 'Your card was declined.'): AuthorizeResult => ({ approved: false, code, message });

/**
 * A fake card processor. Every call is recorded; each method answers from its script (first in,
 * first out) and, once that is empty, approves with ids derived from the request.
 */
export class InMemoryProcessorGateway implements ProcessorGateway {
  readonly calls: ProcessorCall[] = [];
  private readonly scripts = { authorize: [] as Scripted<AuthorizeResult>[], capture: [] as Scripted<CaptureResult>[], void: [] as Scripted<VoidResult>[], refund: [] as Scripted<RefundResult>[] };

  constructor(private readonly card: CardDetails = TEST_CARD) {}

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

  callsTo(method: ProcessorCall['method']): ProcessorCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  async authorize(request: Parameters<ProcessorGateway['authorize']>[0]): Promise<AuthorizeResult> {
    this.calls.push({ method: 'authorize', request: { ...request } });
    return answer(this.scripts.authorize, { approved: true, authorizationId: `auth_${request.reference}`, card: this.card });
  }

  async capture(request: Parameters<ProcessorGateway['capture']>[0]): Promise<CaptureResult> {
    this.calls.push({ method: 'capture', request: { ...request } });
    return answer(this.scripts.capture, { captured: true, captureId: `cap_${request.authorizationId}` });
  }

  async void(request: Parameters<ProcessorGateway['void']>[0]): Promise<VoidResult> {
    this.calls.push({ method: 'void', request: { ...request } });
    return answer(this.scripts.void, { voided: true });
  }

  async refund(request: Parameters<ProcessorGateway['refund']>[0]): Promise<RefundResult> {
    this.calls.push({ method: 'refund', request: { ...request } });
    return answer(this.scripts.refund, { refunded: true, processorRefundId: `pr_${request.idempotencyKey}` });
  }
}

function answer<R extends object>(script: Scripted<R>[], fallback: R): R {
  const next = script.shift();
  if (next === undefined) return fallback;
  if ('throws' in next) throw next.throws;
  return next;
}
