import { aCanceledPayment, aCapturingPayment, aFailedPayment, anAuthorizedPayment, aPayment, aPaymentInReview, aSucceededPayment } from '../application/testing/payment-builders';
import { PaymentDocument, paymentDocument } from './payment.document';

describe('stored payment document', () => {
  it.each([
    ['awaiting gates', aPayment({ gatesPassed: ['fraud'] })],
    ['in review', aPaymentInReview()],
    ['capturing', aCapturingPayment()],
    ['requires capture', anAuthorizedPayment()],
    ['succeeded', aSucceededPayment({ amountRefunded: 300 })],
    ['failed', aFailedPayment()],
    ['canceled', aCanceledPayment()],
  ])('given a payment %s, when stored flat and read back, then it is the same state', (_name, payment) => {
    const stored = paymentDocument(payment);
    expect(stored).toMatchObject({ id: payment.id, status: payment.status });
    expect(PaymentDocument.parse(stored)).toEqual(payment);
  });

  it('given a document whose fields contradict its status, when read, then it fails loudly instead of making up a state', () => {
    const stored = { ...paymentDocument(aSucceededPayment()), captureId: null };
    expect(() => PaymentDocument.parse(stored)).toThrow(/succeeded without its capture/);
  });
});
