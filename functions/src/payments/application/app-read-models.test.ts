import { aPaymentInReview, aRefund, aSucceededPayment } from './testing/payment-builders';
import { appCustomerPaymentDocument, appDisputeDocument, appPaymentDocument, appRefundDocument, appReviewDocument } from './app-read-models';
import { openDispute } from '../domain/dispute';
import { minorUnits } from '../../shared/money';

const customer = { id: 'cus_42', name: 'Ann Example', email: 'ann@example.test', ip: '203.0.113.9', country: 'GB' };
const risk = { score: 72, level: 'elevated', decision: 'review', reasons: ['velocity_card_1h'] };

describe('the apps\' read models', () => {
  it('given a payment with customer data, then the team sees the API object and no customer data or internals', () => {
    const doc = appPaymentDocument(aSucceededPayment({ customer, metadata: { order: 'o_1' } }));
    expect(doc).toMatchObject({ merchantId: 'acct_test1', livemode: false, status: 'succeeded', payment: { object: 'payment', status: 'succeeded', metadata: { order: 'o_1' } } });
    expect(JSON.stringify(doc)).not.toMatch(/ann@example|Ann Example|203\.0\.113|cus_42|fp_4242|fingerprint|gatesPassed|authorization/);
  });

  it('given a payment linked to a customer, then the end user sees a small view: no risk, no metadata, a review as processing', () => {
    const doc = appCustomerPaymentDocument(aPaymentInReview({ customer, risk, metadata: { internal: 'x' } }));
    expect(doc).toEqual({
      merchantId: 'acct_test1', livemode: false, customerId: 'cus_42', createdMs: expect.any(Number),
      payment: { id: expect.any(String), amount: expect.any(Number), amount_refunded: 0, currency: expect.any(String), status: 'processing', description: null, created: expect.any(Number), card: null },
    });
    expect(JSON.stringify(doc)).not.toMatch(/velocity|internal|ann@example/);
  });

  it('given a payment without a customer id, then there is no end-user view', () => {
    expect(appCustomerPaymentDocument(aSucceededPayment({ customer: { email: 'ann@example.test' } }))).toBeNull();
    expect(appCustomerPaymentDocument(aSucceededPayment({ customer: null }))).toBeNull();
  });

  it('given a fraud review, then it is open while held and closed after; a sanctions hold never appears', () => {
    expect(appReviewDocument(aPaymentInReview({ risk, reviewGate: 'fraud' }))).toMatchObject({ open: true, review: { reasons: ['velocity_card_1h'], score: 72 } });
    expect(appReviewDocument(aSucceededPayment({ risk }))).toMatchObject({ open: false, review: { status: 'succeeded' } });
    expect(appReviewDocument(aPaymentInReview({ risk, reviewGate: 'sanctions' }))).toBeNull();
    expect(appReviewDocument(aSucceededPayment({ risk: { ...risk, decision: 'allow' } }))).toBeNull();
  });

  it('given a chargeback, then the team sees the API dispute object as of its last change, without the processor', () => {
    const { dispute } = openDispute({
      id: 'dp_1', payment: { id: 'pay_1', merchantId: 'acct_test1', livemode: false }, processor: 'euro_acquirer', processorDisputeId: 'pdp_1',
      amount: minorUnits(5000), currency: 'eur', reason: 'fraudulent', status: 'needs_response', evidenceDueByMs: 10_000, chargebackFee: minorUnits(1400), nowMs: 20_000,
    });
    const doc = appDisputeDocument(dispute);
    expect(doc).toMatchObject({ merchantId: 'acct_test1', livemode: false, status: 'needs_response', createdMs: 20_000, dispute: { object: 'dispute', payment: 'pay_1', amount: 5000, evidence_details: { past_due: true } } });
    expect(doc.dispute).not.toHaveProperty('processor');
  });

  it('given a refund, then the team sees the API refund object', () => {
    expect(appRefundDocument(aRefund())).toMatchObject({ merchantId: 'acct_test1', livemode: false, refund: { object: 'refund' } });
  });
});
