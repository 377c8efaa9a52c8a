import { CardDetails, ProcessorName } from '../domain/payment';

// The chain's port to the processors. Every request names the processor (the router's choice for an
// authorisation; the authorising processor for everything after it) and the payment's mode: test and
// live are separate processors (separate URL and credentials), and an adapter refuses a request of
// the other mode before any I/O.
//
// Declines and refusals are values. A thrown error means "we do not know what happened" (retry with
// the same key), except ConnectorNotReachedError (processor-connector.ts): the request certainly never
// reached that processor, so another one may be tried.
export type AuthorizeResult =
  | { readonly approved: true; readonly authorizationId: string; readonly card: CardDetails }
  | { readonly approved: false; readonly code: string; readonly message: string };

/** `pending`: accepted, confirmed later by the processor's notification (or found confirmed by the status sync). */
export type CaptureResult =
  | { readonly captured: true; readonly captureId: string }
  | { readonly captured: false; readonly code: string; readonly message: string }
  | { readonly pending: true; readonly captureId: string };

export type RefundResult =
  | { readonly refunded: true; readonly processorRefundId: string }
  | { readonly refunded: false; readonly code: string }
  | { readonly pending: true; readonly processorRefundId: string };

/** A void the processor accepted to confirm later counts as released: nothing is owed on our side. */
export type VoidResult = { readonly voided: boolean; readonly code?: string };

export interface ModificationState {
  readonly processorReference: string;
  /** Our reference for it: the payment id for a capture or void, the refund id for a refund. */
  readonly reference: string;
  readonly amount: number;
  readonly status: 'pending' | 'succeeded';
}

/** What the processor holds under our reference. */
export type PaymentLookup =
  | { readonly found: false }
  | {
      readonly found: true;
      readonly authorization: AuthorizeResult;
      readonly capture: ModificationState | null;
      readonly void: ModificationState | null;
      readonly refunds: readonly ModificationState[];
    };

export type ProcessorMode = 'test' | 'live';

export const modeOf = (livemode: boolean): ProcessorMode => (livemode ? 'live' : 'test');

/** What a customer is told for each decline, whichever processor's code it was mapped from. */
export const DECLINE_MESSAGES: Readonly<Record<string, string>> = {
  card_declined: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  invalid_token: 'The payment method is not valid.',
};

/** The merchant's answer to a dispute, as forwarded to the processor. */
export type DisputeResponse = { readonly kind: 'evidence'; readonly evidence: Readonly<Record<string, string>> } | { readonly kind: 'accept' };

/** The processor took the answer (the outcome comes later by notification), or refused it (the dispute is no longer open there). */
export type DisputeResponseOutcome = { readonly status: 'accepted' } | { readonly status: 'refused'; readonly code: string; readonly message: string };

export interface ProcessorGateway {
  /** The processors configured for the mode. */
  processors(livemode: boolean): readonly ProcessorName[];
  authorize(request: { processor: ProcessorName; livemode: boolean; idempotencyKey: string; token: string; amount: number; currency: string; reference: string }): Promise<AuthorizeResult>;
  capture(request: { processor: ProcessorName; livemode: boolean; idempotencyKey: string; authorizationId: string; amount: number; currency: string; reference: string }): Promise<CaptureResult>;
  void(request: { processor: ProcessorName; livemode: boolean; idempotencyKey: string; authorizationId: string; reference: string }): Promise<VoidResult>;
  /** reference: our refund id, which the processor's report shows beside its own id (reconciliation joins on it). */
  refund(request: { processor: ProcessorName; livemode: boolean; idempotencyKey: string; authorizationId: string; captureId: string; amount: number; currency: string; reference: string }): Promise<RefundResult>;
  /** What the processor holds under our payment or refund id: how unknown outcomes and pending confirmations are settled. */
  lookup(request: { processor: ProcessorName; livemode: boolean; reference: string }): Promise<PaymentLookup>;
  /** The merchant's evidence or acceptance, to the processor the dispute came from. */
  respondToDispute(request: { processor: ProcessorName; livemode: boolean; idempotencyKey: string; processorDisputeId: string; reference: string; response: DisputeResponse }): Promise<DisputeResponseOutcome>;
}

/** A request whose mode differs from the adapter's, or an answer declaring the other mode. Never retried into success. */
export class ProcessorModeMismatchError extends Error {
  override readonly name = 'ProcessorModeMismatchError';
}
