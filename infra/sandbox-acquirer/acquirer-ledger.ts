import { randomBytes } from 'node:crypto';
import type { CardDetails, DeclineCode, DisputeScenario } from '../sandbox-processor/test-card-tokens';

// The acquirer's own record of what it did, in its own vocabulary. Authorisation is synchronous;
// captures, cancellations and refunds are accepted ("received") and confirmed later by notification.

export type PaymentStatus = 'Authorised' | 'Refused' | 'Cancelled' | 'Captured' | 'PartiallyRefunded' | 'Refunded';
export type ModificationStatus = 'received' | 'confirmed';
export type EventCode = 'CAPTURE' | 'CANCELLATION' | 'REFUND';

export interface Modification {
  pspReference: string;
  merchantReference: string;
  amount: number;
  status: ModificationStatus;
  /** When the acquirer did it (its booking date in the settlement report). */
  confirmedMs?: number;
}

export interface AcquirerPayment {
  pspReference: string;
  merchantReference: string;
  amount: number;
  currency: string;
  resultCode: 'Authorised' | 'Refused';
  refusalReasonCode: string | null;
  card: CardDetails;
  capture: Modification | null;
  cancellation: Modification | null;
  refunds: Modification[];
  /** What the cardholder does after the capture (the dispute test tokens), or null. */
  dispute: DisputeScenario | null;
  createdMs: number;
}

/** The acquirer's refusal vocabulary: ISO 8583-style response codes. */
export const REFUSALS: Record<DeclineCode, { code: string; reason: string }> = {
  card_declined: { code: '05', reason: 'Do Not Honour' },
  insufficient_funds: { code: '51', reason: 'Not enough balance' },
};
export const reasonOf = (code: string | null): string | null => Object.values(REFUSALS).find((r) => r.code === code)?.reason ?? null;

export const pspReference = (): string => `EA${randomBytes(7).toString('hex').toUpperCase()}`;

export type ModificationRefusal = { errorCode: string; status: number; message: string };

export class AcquirerLedger {
  private readonly payments = new Map<string, AcquirerPayment>();

  constructor(private readonly now: () => number) {}

  authorise(input: { merchantReference: string; amount: number; currency: string; card: CardDetails; refusal: DeclineCode | null; dispute?: DisputeScenario | null }): AcquirerPayment {
    const refusal = input.refusal ? REFUSALS[input.refusal] : null;
    const payment: AcquirerPayment = {
      pspReference: pspReference(),
      merchantReference: input.merchantReference,
      amount: input.amount,
      currency: input.currency,
      resultCode: refusal ? 'Refused' : 'Authorised',
      refusalReasonCode: refusal?.code ?? null,
      card: input.card,
      capture: null,
      cancellation: null,
      refunds: [],
      dispute: input.dispute ?? null,
      createdMs: this.now(),
    };
    this.payments.set(payment.pspReference, payment);
    return payment;
  }

  get(psp: string): AcquirerPayment | undefined {
    return this.payments.get(psp);
  }

  byMerchantReference(reference: string): AcquirerPayment[] {
    return [...this.payments.values()].filter((p) => p.merchantReference === reference || p.refunds.some((r) => r.merchantReference === reference));
  }

  capture(psp: string, amount: number, merchantReference: string): Modification | ModificationRefusal {
    const payment = this.payments.get(psp);
    if (!payment) return notFound(psp);
    if (payment.resultCode !== 'Authorised' || payment.cancellation || payment.capture) return invalidState(`Payment ${psp} cannot be captured (${statusOf(payment)})`);
    if (amount > payment.amount) return { status: 422, errorCode: '30_410', message: 'Capture amount exceeds the authorised amount' };
    payment.capture = { pspReference: pspReference(), merchantReference, amount, status: 'received' };
    return payment.capture;
  }

  cancel(psp: string, merchantReference: string): Modification | ModificationRefusal {
    const payment = this.payments.get(psp);
    if (!payment) return notFound(psp);
    if (payment.resultCode !== 'Authorised' || payment.capture) return invalidState(`Payment ${psp} cannot be cancelled (${statusOf(payment)})`);
    // Cancelling twice is harmless: the first cancellation is the answer.
    payment.cancellation ??= { pspReference: pspReference(), merchantReference, amount: payment.amount, status: 'received' };
    return payment.cancellation;
  }

  refund(psp: string, amount: number, merchantReference: string): Modification | ModificationRefusal {
    const payment = this.payments.get(psp);
    if (!payment) return notFound(psp);
    if (!payment.capture) return invalidState(`Payment ${psp} has no capture to refund`);
    const refunded = payment.refunds.reduce((sum, r) => sum + r.amount, 0);
    if (amount > payment.capture.amount - refunded) return { status: 422, errorCode: '30_410', message: 'Refund amount exceeds the captured amount not yet refunded' };
    const refund: Modification = { pspReference: pspReference(), merchantReference, amount, status: 'received' };
    payment.refunds.push(refund);
    return refund;
  }

  /** Called when the acquirer has done what it accepted: the modification is confirmed. */
  confirm(modification: Modification): void {
    modification.status = 'confirmed';
    modification.confirmedMs = this.now();
  }

  all(): AcquirerPayment[] {
    return [...this.payments.values()];
  }
}

export function statusOf(payment: AcquirerPayment): PaymentStatus {
  if (payment.resultCode === 'Refused') return 'Refused';
  if (payment.cancellation) return 'Cancelled';
  if (!payment.capture) return 'Authorised';
  const refunded = payment.refunds.reduce((sum, r) => sum + r.amount, 0);
  if (refunded === 0) return 'Captured';
  return refunded >= payment.capture.amount ? 'Refunded' : 'PartiallyRefunded';
}

export const isRefusal = (value: Modification | ModificationRefusal): value is ModificationRefusal => 'errorCode' in value;
const notFound = (psp: string): ModificationRefusal => ({ status: 404, errorCode: '30_404', message: `No payment ${psp}` });
const invalidState = (message: string): ModificationRefusal => ({ status: 409, errorCode: '30_409', message });
