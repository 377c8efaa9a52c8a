import { Money } from '../../shared/money';
import { CurrencyCode } from '../../shared/currency';

export type PaymentStatus = 'processing' | 'requires_review' | 'requires_capture' | 'succeeded' | 'failed' | 'canceled';
// Where a `processing` payment is in the chain; merchants only see the status.
export type PaymentStage = 'gates' | 'authorizing' | 'capturing' | 'done';
export type CaptureMethod = 'automatic' | 'manual';

export interface Customer {
  readonly name?: string;
  readonly email?: string;
  readonly country?: string;
  readonly ip?: string;
  readonly device_id?: string;
}

export interface CardDetails {
  readonly brand: string;
  readonly last4: string;
  readonly country: string;
  readonly fingerprint: string;
}

export interface PaymentError {
  readonly code: string;
  readonly message: string;
}

/** The fraud gate's summary, shown on the payment once it is assessed. */
export interface PaymentRisk {
  readonly score: number;
  readonly level: string;
  readonly decision: string;
  readonly reasons: readonly string[];
}

export interface Payment {
  readonly id: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly amount: number;
  readonly currency: CurrencyCode;
  readonly status: PaymentStatus;
  readonly stage: PaymentStage;
  readonly captureMethod: CaptureMethod;
  readonly amountCapturable: number;
  readonly amountCaptured: number;
  readonly amountRefunded: number;
  readonly paymentMethod: string;
  readonly customer: Customer | null;
  readonly description: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly lastError: PaymentError | null;
  readonly gatesPassed: readonly string[];
  /** The gate holding the payment for a human decision (status requires_review). */
  readonly reviewGate: string | null;
  readonly risk?: PaymentRisk | null;
  readonly authorization: { readonly id: string; readonly card: CardDetails } | null;
  readonly captureRequested: number | null;
  readonly captureId: string | null;
  readonly fee: number;
  /**
   * A canceled payment's authorisation: false while its void is owed, true once the processor has
   * answered the void (released, or nothing left to release). The sweep re-enqueues owed voids.
   */
  readonly holdReleased?: boolean;
  readonly createdMs: number;
  readonly updatedMs: number;
}

export interface NewPayment {
  readonly id: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly amount: Money;
  readonly captureMethod: CaptureMethod;
  readonly paymentMethod: string;
  readonly customer: Customer | null;
  readonly description: string | null;
  readonly metadata: Record<string, string>;
  readonly nowMs: number;
}

export function openPayment(input: NewPayment): Payment {
  return {
    id: input.id,
    merchantId: input.merchantId,
    livemode: input.livemode,
    amount: input.amount.amount,
    currency: input.amount.currency,
    status: 'processing',
    stage: 'gates',
    captureMethod: input.captureMethod,
    amountCapturable: 0,
    amountCaptured: 0,
    amountRefunded: 0,
    paymentMethod: input.paymentMethod,
    customer: input.customer,
    description: input.description,
    metadata: input.metadata,
    lastError: null,
    gatesPassed: [],
    reviewGate: null,
    authorization: null,
    captureRequested: null,
    captureId: null,
    fee: 0,
    createdMs: input.nowMs,
    updatedMs: input.nowMs,
  };
}
