import { PaymentEventTypeV1 } from '../../contracts/payment-events.v1';
import { MERCHANT_EVENT_TYPES_V1, MERCHANT_VISIBLE_DOMAIN_EVENT_TYPES } from '../../contracts/merchant-events.v1';
import { merchantEventType } from './merchant-event.mapping';

describe('which merchant event a domain event becomes', () => {
  it.each([
    ['payment.created', 'processing', 'payment.processing'],
    ['payment.review_opened', 'requires_review', 'payment.requires_review'],
    ['payment.authorized', 'requires_capture', 'payment.requires_capture'],
    ['payment.authorized', 'succeeded', null],
    ['payment.capture_requested', 'processing', null],
    ['payment.succeeded', 'succeeded', 'payment.succeeded'],
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
