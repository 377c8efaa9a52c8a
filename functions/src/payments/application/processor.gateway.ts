import { CardDetails } from '../domain/payment';

// Port to the card processor. Declines and refusals are values; a thrown error means "we do not
// know what happened" (timeout, 5xx, circuit open, an ambiguous answer the attempt could not be
// found for) and the caller retries with the same key.
//
// Every request carries the payment's mode: test and live are separate processors (separate URL
// and credentials), and an adapter refuses a request of the other mode before any I/O.
export type AuthorizeResult =
  | { readonly approved: true; readonly authorizationId: string; readonly card: CardDetails }
  | { readonly approved: false; readonly code: string; readonly message: string };

export type CaptureResult = { readonly captured: true; readonly captureId: string } | { readonly captured: false; readonly code: string; readonly message: string };

export type RefundResult = { readonly refunded: true; readonly processorRefundId: string } | { readonly refunded: false; readonly code: string };

export type VoidResult = { readonly voided: boolean; readonly code?: string };

export type ProcessorMode = 'test' | 'live';

/** What a customer is told for each decline, whichever processor's code it was mapped from. */
export const DECLINE_MESSAGES: Readonly<Record<string, string>> = {
  card_declined: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  invalid_token: 'The payment method is not valid.',
};

export const modeOf = (livemode: boolean): ProcessorMode => (livemode ? 'live' : 'test');

export interface ProcessorGateway {
  authorize(request: { livemode: boolean; idempotencyKey: string; token: string; amount: number; currency: string; reference: string }): Promise<AuthorizeResult>;
  capture(request: { livemode: boolean; idempotencyKey: string; authorizationId: string; amount: number }): Promise<CaptureResult>;
  void(request: { livemode: boolean; idempotencyKey: string; authorizationId: string }): Promise<VoidResult>;
  /** reference: our refund id, which the processor's settlement report shows beside its own id (reconciliation joins on it). */
  refund(request: { livemode: boolean; idempotencyKey: string; captureId: string; amount: number; reference?: string }): Promise<RefundResult>;
}

/** A request whose mode differs from the adapter's, or an answer declaring the other mode. Never retried into success. */
export class ProcessorModeMismatchError extends Error {
  override readonly name = 'ProcessorModeMismatchError';
}
