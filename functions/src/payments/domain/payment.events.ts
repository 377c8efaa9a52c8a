import { MinorUnits } from '../../shared/money';
import { Authorization, AwaitingGates, PaymentRisk, ProcessorAttempt } from './payment';

// Facts the payments context records. `evolve` rebuilds a payment from them, and each (but the
// internal hold_released, processor_attempted and capture_pending) goes out as a versioned wire event (contracts/payment-events.v1.ts).
export type PaymentEvent =
  | { readonly type: 'payment.created'; readonly paymentId: string; readonly payment: AwaitingGates }
  | { readonly type: 'payment.risk_assessed'; readonly paymentId: string; readonly risk: PaymentRisk }
  | { readonly type: 'payment.gate_passed'; readonly paymentId: string; readonly gate: string }
  | { readonly type: 'payment.review_opened'; readonly paymentId: string; readonly gate: string }
  | { readonly type: 'payment.authorized'; readonly paymentId: string; readonly authorization: Authorization }
  | { readonly type: 'payment.capture_requested'; readonly paymentId: string; readonly amount: MinorUnits }
  | { readonly type: 'payment.succeeded'; readonly paymentId: string; readonly captureId: string; readonly amountCaptured: MinorUnits; readonly fee: MinorUnits }
  | { readonly type: 'payment.failed'; readonly paymentId: string; readonly code: string; readonly message: string }
  | { readonly type: 'payment.canceled'; readonly paymentId: string; readonly authorizationId: string | null }
  | { readonly type: 'payment.hold_released'; readonly paymentId: string }
  // Internal, like hold_released: kept on the payment, not published.
  | { readonly type: 'payment.processor_attempted'; readonly paymentId: string; readonly attempt: ProcessorAttempt }
  | { readonly type: 'payment.capture_pending'; readonly paymentId: string; readonly captureId: string; readonly atMs: number }
  | { readonly type: 'refund.created'; readonly paymentId: string; readonly refundId: string; readonly amount: MinorUnits }
  | { readonly type: 'refund.succeeded'; readonly paymentId: string; readonly refundId: string }
  | { readonly type: 'refund.failed'; readonly paymentId: string; readonly refundId: string; readonly amount: MinorUnits; readonly code: string };

export type PaymentEventType = PaymentEvent['type'];
