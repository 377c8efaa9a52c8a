import { PaymentEventTypeV1 } from '../../contracts/payment-events.v1';
import { MERCHANT_EVENT_TYPES_V1, MERCHANT_VISIBLE_DOMAIN_EVENT_TYPES } from '../../contracts/merchant-events.v1';
import { EVENTS_API_VERSION } from '../../contracts/merchant-events.v1';
import { paymentSucceeded, T0 } from '../testing/webhooks-harness';
import { merchantEventType, toMerchantEvent } from './merchant-event.mapping';

describe('which merchant event a domain event becomes', () => {
  it.each([
    ['payment.created', 'processing', 'payment.processing'],
    ['payment.review_opened', 'requires_review', 'payment.requires_review'],
    ['payment.authorized', 'requires_capture', 'payment.requires_capture'],
    ['payment.authorized', 'succeeded', null],
    ['payment.capture_requested', 'processing', null],
    ['payment.succeeded', 'succeeded', 'payment.succeeded'],
    ['payment.failed', 'failed', 'payment.failed'],
    ['payment.canceled', 'canceled', 'payment.canceled'],
    ['refund.created', 'pending', 'refund.created'],
    ['refund.succeeded', 'succeeded', 'refund.succeeded'],
    ['refund.failed', 'failed', 'refund.failed'],
    ['account.verification_updated', 'verified', 'account.verification_updated'],
    ['payout.created', 'pending', 'payout.created'],
    ['payout.failed', 'failed', 'payout.failed'],
    ['payout.canceled', 'canceled', 'payout.canceled'],
    ['balance.available', 'available', 'balance.available'],
    ['review.closed', 'processing', 'review.closed'],
    ['payout.paid', 'paid', 'payout.paid'],
  ] as const)('%s with the object %s becomes %s', (type, status, expected) => {
    expect(merchantEventType(type, { status })).toBe(expected);
  });

  it('maps every domain type the subscription delivers to a documented merchant type, and only the capture request to nothing', () => {
    const silent = PaymentEventTypeV1.options.filter((type) => merchantEventType(type, { status: 'requires_capture' }) === null);
    expect(silent).toEqual(['payment.capture_requested']);
    expect(MERCHANT_VISIBLE_DOMAIN_EVENT_TYPES).not.toContain('payment.capture_requested');
    for (const type of MERCHANT_VISIBLE_DOMAIN_EVENT_TYPES) expect(MERCHANT_EVENT_TYPES_V1).toContain(merchantEventType(type, { status: 'requires_capture' }));
  });
});

describe('the merchant event a domain event becomes', () => {
  it('given a domain event with its snapshot, then the same id, mode and time, the snapshot and previous attributes copied, no addressees yet', () => {
    const wire = paymentSucceeded({ id: 'evt_map_1', livemode: true });
    expect(toMerchantEvent(wire)).toEqual({
      kind: 'event',
      event: { id: 'evt_map_1', merchantId: 'acct_shop', livemode: true, type: 'payment.succeeded', apiVersion: EVENTS_API_VERSION, createdMs: T0, object: wire.data.object, previousAttributes: { status: 'processing' } },
    });
  });

  it('given an automatic-capture authorisation, then none; a manual-capture one becomes payment.requires_capture', () => {
    const authorized = (status: string) => ({ ...paymentSucceeded(), type: 'payment.authorized' as const, data: { ...paymentSucceeded().data, object: { ...paymentSucceeded().data.object, status } } });
    expect(toMerchantEvent(authorized('processing'))).toMatchObject({ kind: 'none' });
    expect(toMerchantEvent(authorized('requires_capture'))).toMatchObject({ kind: 'event', event: { type: 'payment.requires_capture' } });
  });

  it('given no object snapshot or no mode, then none (a reason to log, no event)', () => {
    expect(toMerchantEvent({ ...paymentSucceeded(), data: { ...paymentSucceeded().data, object: undefined } })).toMatchObject({ kind: 'none', reason: expect.stringContaining('snapshot') });
    expect(toMerchantEvent({ ...paymentSucceeded(), data: { ...paymentSucceeded().data, livemode: undefined } })).toMatchObject({ kind: 'none', reason: expect.stringContaining('mode') });
  });
});
