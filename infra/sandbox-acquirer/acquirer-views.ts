import { formatMajorUnits } from '../../functions/src/shared/major-units';
import { AcquirerPayment, EventCode, Modification, reasonOf, statusOf } from './acquirer-ledger';

// What the acquirer's API and notifications say, in its own shapes: camelCase, upper-case currencies,
// amounts as major-unit strings, booleans as "true"/"false" strings in notifications.

const BRANDS: Record<string, string> = { visa: 'VISA', mastercard: 'MC', amex: 'AMEX' };
export const amountView = (minor: number, currency: string) => ({ value: formatMajorUnits(minor, currency), currency: currency.toUpperCase() });

export const cardSummaryOf = (card: AcquirerPayment['card']) => ({ brand: BRANDS[card.brand] ?? card.brand.toUpperCase(), lastFour: card.last4, issuerCountry: card.country.toUpperCase(), fingerprint: card.fingerprint });

export function authorisationView(p: AcquirerPayment, live: boolean) {
  return {
    pspReference: p.pspReference,
    merchantReference: p.merchantReference,
    resultCode: p.resultCode,
    refusalReasonCode: p.refusalReasonCode,
    refusalReason: reasonOf(p.refusalReasonCode),
    amount: amountView(p.amount, p.currency),
    cardSummary: cardSummaryOf(p.card),
    live,
  };
}

const modificationView = (m: Modification, currency: string) => ({ pspReference: m.pspReference, merchantReference: m.merchantReference, amount: amountView(m.amount, currency), status: m.status });

export function paymentView(p: AcquirerPayment, live: boolean) {
  return {
    ...authorisationView(p, live),
    status: statusOf(p),
    capture: p.capture ? modificationView(p.capture, p.currency) : null,
    cancellation: p.cancellation ? modificationView(p.cancellation, p.currency) : null,
    refunds: p.refunds.map((r) => modificationView(r, p.currency)),
    creationDate: new Date(p.createdMs).toISOString(),
  };
}

export const receivedView = (payment: AcquirerPayment, m: Modification) => ({
  pspReference: m.pspReference,
  paymentPspReference: payment.pspReference,
  merchantReference: m.merchantReference,
  amount: amountView(m.amount, payment.currency),
  status: 'received' as const,
});

/** One notification: a batch of items, as acquirers send them (the sandbox sends one item per batch). */
export function notificationOf(id: string, eventCode: EventCode, payment: AcquirerPayment, m: Modification, live: boolean, atMs: number) {
  return {
    id,
    type: eventCode,
    live: String(live),
    notificationItems: [
      {
        eventCode,
        success: 'true',
        pspReference: m.pspReference,
        originalReference: payment.pspReference,
        merchantReference: m.merchantReference,
        amount: amountView(m.amount, payment.currency),
        reason: null,
        eventDate: new Date(atMs).toISOString(),
      },
    ],
  };
}

export const errorView = (status: number, errorCode: string, message: string) => ({
  status,
  errorCode,
  errorType: status === 401 || status === 403 ? 'security' : status >= 500 ? 'internal' : 'validation',
  message,
});
