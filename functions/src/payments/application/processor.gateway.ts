import { CardDetails } from '../domain/payment';

// Port to the card processor. Declines and refusals are values; a thrown error means "we do not
// know what happened" (timeout, 5xx, circuit open) and the caller retries with the same key.
export type AuthorizeResult =
  | { readonly approved: true; readonly authorizationId: string; readonly card: CardDetails }
  | { readonly approved: false; readonly code: string; readonly message: string };

export type CaptureResult = { readonly captured: true; readonly captureId: string } | { readonly captured: false; readonly code: string; readonly message: string };

export type RefundResult = { readonly refunded: true; readonly processorRefundId: string } | { readonly refunded: false; readonly code: string };

export interface ProcessorGateway {
  authorize(request: { idempotencyKey: string; token: string; amount: number; currency: string; reference: string }): Promise<AuthorizeResult>;
  capture(request: { idempotencyKey: string; authorizationId: string; amount: number }): Promise<CaptureResult>;
  void(request: { idempotencyKey: string; authorizationId: string }): Promise<{ readonly voided: boolean; readonly code?: string }>;
  refund(request: { idempotencyKey: string; captureId: string; amount: number }): Promise<RefundResult>;
}
