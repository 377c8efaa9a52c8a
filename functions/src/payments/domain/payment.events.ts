// Facts the payments context announces. The wire schema lives in contracts/; these are the domain's view.
export type PaymentEvent =
  | { readonly type: 'payment.created'; readonly paymentId: string }
  | { readonly type: 'payment.gate_passed'; readonly paymentId: string; readonly gate: string }
  | { readonly type: 'payment.review_opened'; readonly paymentId: string; readonly gate: string }
  | { readonly type: 'payment.risk_assessed'; readonly paymentId: string; readonly score: number; readonly decision: 'allow' | 'review' | 'block' }
  | { readonly type: 'payment.capture_requested'; readonly paymentId: string; readonly amount: number }
  | { readonly type: 'payment.succeeded'; readonly paymentId: string; readonly amountCaptured: number }
  | { readonly type: 'payment.failed'; readonly paymentId: string; readonly code: string }
  | { readonly type: 'payment.canceled'; readonly paymentId: string; readonly authorizationId: string | null }
  | { readonly type: 'refund.created'; readonly paymentId: string; readonly refundId: string }
  | { readonly type: 'refund.succeeded'; readonly paymentId: string; readonly refundId: string }
  | { readonly type: 'refund.failed'; readonly paymentId: string; readonly refundId: string; readonly code: string };

export type PaymentEventType = PaymentEvent['type'];
