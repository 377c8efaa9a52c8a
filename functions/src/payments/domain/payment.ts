import { CurrencyCode } from '../../shared/currency';
import { assertNever } from '../../shared/result';
import { MinorUnits } from '../../shared/money';

export type CaptureMethod = 'automatic' | 'manual';

export interface Customer {
  /** The merchant's own reference for the customer (links the payment to an app user). */
  readonly id?: string;
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

/** The processors the platform can route to; each sits behind a connector (payments/adapters/*.connector.ts). */
export type ProcessorName = 'sandbox_processor' | 'euro_acquirer';
export const PROCESSOR_NAMES: readonly ProcessorName[] = ['sandbox_processor', 'euro_acquirer'];

export interface Authorization {
  readonly id: string;
  readonly card: CardDetails;
  /** Who authorised it: every later capture, void and refund goes to the same processor. */
  readonly processor: ProcessorName;
}

/**
 * One authorisation attempt at one processor, kept on the payment (GET /v1/payments/{id} shows them):
 * `not_reached` (the request never got there: another processor may be tried), `unknown` (it may have
 * acted: looked up there before anything else is tried), `declined`, `authorized`.
 */
export interface ProcessorAttempt {
  readonly processor: ProcessorName;
  readonly outcome: 'authorized' | 'declined' | 'not_reached' | 'unknown';
  readonly code: string | null;
  readonly latencyMs: number;
  readonly atMs: number;
}

/** What every payment has, whatever its state. */
interface PaymentCore {
  readonly id: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly amount: MinorUnits;
  readonly currency: CurrencyCode;
  readonly captureMethod: CaptureMethod;
  readonly paymentMethod: string;
  readonly customer: Customer | null;
  readonly description: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly risk: PaymentRisk | null;
  /** Every processor attempt, oldest first. */
  readonly attempts: readonly ProcessorAttempt[];
  readonly createdMs: number;
  readonly updatedMs: number;
}

// The payment is a union of states, discriminated by status (and, while processing, by stage).
// Each state carries only the fields that are valid in it: a payment that has not been authorised
// has no authorisation to read, a failed one always has its error.

/** Created; its gates (fraud, sanctions…) run in order. Nothing has reached the processor. */
export interface AwaitingGates extends PaymentCore {
  readonly status: 'processing';
  readonly stage: 'gates';
  readonly gatesPassed: readonly string[];
}

/** A gate was unsure: an analyst (or compliance case) decides. Nothing has reached the processor. */
export interface InReview extends PaymentCore {
  readonly status: 'requires_review';
  readonly gatesPassed: readonly string[];
  readonly reviewGate: string;
}

/**
 * Authorised; the capture of `captureRequested` is owed to the processor, or (`capturePending`) the
 * processor accepted it and confirms it later by notification (or the status sync finds it confirmed).
 */
export interface Capturing extends PaymentCore {
  readonly status: 'processing';
  readonly stage: 'capturing';
  readonly authorization: Authorization;
  readonly captureRequested: MinorUnits;
  readonly capturePending: { readonly captureId: string; readonly sinceMs: number } | null;
}

/** Authorised with manual capture: the merchant captures (up to `amountCapturable`) or cancels. */
export interface RequiresCapture extends PaymentCore {
  readonly status: 'requires_capture';
  readonly authorization: Authorization;
  readonly amountCapturable: MinorUnits;
}

export interface Succeeded extends PaymentCore {
  readonly status: 'succeeded';
  readonly authorization: Authorization;
  readonly captureId: string;
  readonly amountCaptured: MinorUnits;
  readonly fee: MinorUnits;
  /** Reserved by pending refunds and spent by succeeded ones; a failed refund gives it back. */
  readonly amountRefunded: MinorUnits;
  /** A chargeback took the money back: the payment can no longer be refunded. */
  readonly disputed?: boolean;
}

export interface Failed extends PaymentCore {
  readonly status: 'failed';
  readonly lastError: PaymentError;
  /** Set when it failed after authorisation (a refused capture): the hold was voided before the failure was recorded. */
  readonly authorization: Authorization | null;
}

export interface Canceled extends PaymentCore {
  readonly status: 'canceled';
  readonly authorization: Authorization | null;
  /** False while the void of the authorisation is owed; true once the processor has answered it. */
  readonly holdReleased: boolean;
}

export type Payment = AwaitingGates | InReview | Capturing | RequiresCapture | Succeeded | Failed | Canceled;
export type PaymentStatus = Payment['status'];
export type Processing = AwaitingGates | Capturing;

export interface NewPayment {
  readonly id: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly amount: MinorUnits;
  readonly currency: CurrencyCode;
  readonly captureMethod: CaptureMethod;
  readonly paymentMethod: string;
  readonly customer: Customer | null;
  readonly description: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly nowMs: number;
}

/** The amounts a merchant sees, read from whichever state the payment is in. */
export interface PaymentAmounts {
  readonly amountCapturable: number;
  readonly amountCaptured: number;
  readonly amountRefunded: number;
}

export function amountsOf(payment: Payment): PaymentAmounts {
  switch (payment.status) {
    case 'requires_capture':
      return { amountCapturable: payment.amountCapturable, amountCaptured: 0, amountRefunded: 0 };
    case 'succeeded':
      return { amountCapturable: 0, amountCaptured: payment.amountCaptured, amountRefunded: payment.amountRefunded };
    case 'processing':
    case 'requires_review':
    case 'failed':
    case 'canceled':
      return { amountCapturable: 0, amountCaptured: 0, amountRefunded: 0 };
    default:
      return assertNever(payment);
  }
}

/** The authorisation, in the states that have (or may have) one. */
export function authorizationOf(payment: Payment): Authorization | null {
  switch (payment.status) {
    case 'processing':
      return payment.stage === 'capturing' ? payment.authorization : null;
    case 'requires_review':
      return null;
    case 'requires_capture':
    case 'succeeded':
    case 'failed':
    case 'canceled':
      return payment.authorization;
    default:
      return assertNever(payment);
  }
}

export const lastErrorOf = (payment: Payment): PaymentError | null => (payment.status === 'failed' ? payment.lastError : null);

/** The gate holding a payment for a human decision, or null. */
export const heldByGate = (payment: Payment): string | null => (payment.status === 'requires_review' ? payment.reviewGate : null);

/** What can still be refunded: the captured amount not yet refunded or reserved by a pending refund. */
export const refundableAmount = (payment: Payment): number => (payment.status === 'succeeded' ? payment.amountCaptured - payment.amountRefunded : 0);
