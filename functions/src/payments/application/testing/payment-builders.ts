import { CreatePaymentRequest } from '../../../contracts/payments-api.v1';
import { openPayment, Payment } from '../../domain/payment';
import { Refund } from '../../domain/refund';
import { MerchantContext } from '../create-payment.command';

// Readable starting points for tests: each builder gives a consistent object in one state, and a
// test overrides only the fields its behaviour is about.
export const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
export const MERCHANT: MerchantContext = { merchantId: 'acct_test1', livemode: false };
export const OTHER_MERCHANT: MerchantContext = { merchantId: 'acct_test2', livemode: false };
export const CARD = { brand: 'visa', last4: '4242', country: 'US', fingerprint: 'fp_4242' } as const;

export function aPayment(overrides: Partial<Payment> = {}): Payment {
  const opened = openPayment({
    id: 'pay_test1',
    merchantId: MERCHANT.merchantId,
    livemode: false,
    amount: { amount: 10_000, currency: 'usd' },
    captureMethod: 'automatic',
    paymentMethod: 'pm_card_visa',
    customer: null,
    description: null,
    metadata: {},
    nowMs: T0,
  });
  return { ...opened, ...overrides };
}

/** Manual capture, authorised, waiting for the merchant to capture. */
export function anAuthorizedPayment(overrides: Partial<Payment> = {}): Payment {
  const amount = overrides.amount ?? 10_000;
  return aPayment({
    captureMethod: 'manual',
    status: 'requires_capture',
    stage: 'done',
    authorization: { id: 'auth_test1', card: CARD },
    amountCapturable: amount,
    ...overrides,
  });
}

/** Authorised and waiting for the capture task. */
export function aCapturingPayment(overrides: Partial<Payment> = {}): Payment {
  const amount = overrides.amount ?? 10_000;
  return aPayment({ stage: 'capturing', authorization: { id: 'auth_test1', card: CARD }, captureRequested: amount, ...overrides });
}

export function aSucceededPayment(overrides: Partial<Payment> = {}): Payment {
  const amount = overrides.amount ?? 10_000;
  return aPayment({
    status: 'succeeded',
    stage: 'done',
    authorization: { id: 'auth_test1', card: CARD },
    captureRequested: amount,
    amountCaptured: amount,
    captureId: 'cap_test1',
    fee: 290,
    ...overrides,
  });
}

export function aRefund(overrides: Partial<Refund> = {}): Refund {
  return {
    id: 're_test1',
    paymentId: 'pay_test1',
    merchantId: MERCHANT.merchantId,
    livemode: false,
    amount: 2_500,
    currency: 'usd',
    status: 'pending',
    processorRefundId: null,
    failureReason: null,
    metadata: {},
    createdMs: T0,
    updatedMs: T0,
    ...overrides,
  };
}

export function aCreatePaymentRequest(overrides: Partial<CreatePaymentRequest> = {}): CreatePaymentRequest {
  return { amount: 10_000, currency: 'usd', payment_method: 'pm_card_visa', capture_method: 'automatic', ...overrides };
}
