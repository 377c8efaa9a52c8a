import { CreatePaymentRequest } from '../../../contracts/payments-api.v1';
import { MinorUnits, minorUnits } from '../../../shared/money';
import { AwaitingGates, Canceled, Capturing, Failed, InReview, Payment, RequiresCapture, Succeeded } from '../../domain/payment';
import { open } from '../../domain/payment.decider';
import { Refund } from '../../domain/refund';
import { MerchantContext } from '../create-payment.command';

// Readable starting points for tests: each builder gives a consistent payment in one state, and a
// test overrides only the fields its behaviour is about (amounts as plain numbers).
export const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
export const MERCHANT: MerchantContext = { merchantId: 'acct_test1', livemode: false };
export const OTHER_MERCHANT: MerchantContext = { merchantId: 'acct_test2', livemode: false };
export const CARD = { brand: 'visa', last4: '4242', country: 'US', fingerprint: 'fp_4242' } as const;
const AUTHORIZATION = { id: 'auth_test1', card: CARD, processor: 'sandbox_processor' as const };

/** A state's fields with minor-unit amounts loosened to numbers, for overrides. */
type Loose<T> = { [K in keyof T]?: T[K] extends MinorUnits ? number : T[K] };
const build = <T extends Payment>(state: object, overrides: object): T => ({ ...state, ...overrides }) as T;

/** Created, waiting for its gates. */
export function aPayment(overrides: Loose<AwaitingGates> = {}): AwaitingGates {
  const created = open({
    id: 'pay_test1',
    merchantId: MERCHANT.merchantId,
    livemode: false,
    amount: minorUnits(10_000),
    currency: 'usd',
    captureMethod: 'automatic',
    paymentMethod: 'pm_card_visa',
    customer: null,
    description: null,
    metadata: {},
    nowMs: T0,
  });
  if (created.type !== 'payment.created') throw new Error('open() must record payment.created');
  return build<AwaitingGates>(created.payment, overrides);
}

const coreOf = (overrides: { amount?: number }) => {
  const { status: _s, stage: _st, gatesPassed: _g, ...core } = aPayment({ amount: overrides.amount ?? 10_000 });
  return core;
};

/** Held by a gate for a human decision. */
export function aPaymentInReview(overrides: Loose<InReview> = {}): InReview {
  return build<InReview>({ ...coreOf(overrides), status: 'requires_review', gatesPassed: [], reviewGate: 'fraud' }, overrides);
}

/** Manual capture, authorised, waiting for the merchant to capture. */
export function anAuthorizedPayment(overrides: Loose<RequiresCapture> = {}): RequiresCapture {
  const amount = overrides.amount ?? 10_000;
  return build<RequiresCapture>({ ...coreOf(overrides), captureMethod: 'manual', status: 'requires_capture', authorization: AUTHORIZATION, amountCapturable: amount }, overrides);
}

/** Authorised and waiting for the capture task. */
export function aCapturingPayment(overrides: Loose<Capturing> = {}): Capturing {
  const amount = overrides.amount ?? 10_000;
  return build<Capturing>({ ...coreOf(overrides), status: 'processing', stage: 'capturing', authorization: AUTHORIZATION, captureRequested: amount, capturePending: null }, overrides);
}

export function aSucceededPayment(overrides: Loose<Succeeded> = {}): Succeeded {
  const amount = overrides.amount ?? 10_000;
  return build<Succeeded>(
    { ...coreOf(overrides), status: 'succeeded', authorization: AUTHORIZATION, captureId: 'cap_test1', amountCaptured: amount, fee: 290, amountRefunded: 0 },
    overrides,
  );
}

export function aFailedPayment(overrides: Loose<Failed> = {}): Failed {
  return build<Failed>({ ...coreOf(overrides), status: 'failed', lastError: { code: 'card_declined', message: 'Declined.' }, authorization: null }, overrides);
}

/** Canceled after authorisation; by default the void is still owed. */
export function aCanceledPayment(overrides: Loose<Canceled> = {}): Canceled {
  return build<Canceled>({ ...coreOf(overrides), captureMethod: 'manual', status: 'canceled', authorization: AUTHORIZATION, holdReleased: false }, overrides);
}

export function aRefund(overrides: Loose<Refund> = {}): Refund {
  return {
    id: 're_test1',
    paymentId: 'pay_test1',
    merchantId: MERCHANT.merchantId,
    livemode: false,
    amount: minorUnits(2_500),
    currency: 'usd',
    status: 'pending',
    processorRefundId: null,
    failureReason: null,
    metadata: {},
    createdMs: T0,
    updatedMs: T0,
    ...overrides,
  } as Refund;
}

export function aCreatePaymentRequest(overrides: Partial<CreatePaymentRequest> = {}): CreatePaymentRequest {
  return { amount: 10_000, currency: 'usd', payment_method: 'pm_card_visa', capture_method: 'automatic', ...overrides };
}
