import { checkIdempotency, hashRequest, IdempotencyRecord } from './idempotency';

const record = (overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
  merchantId: 'acct_1', keyHash: 'k', requestHash: hashRequest('POST', '/v1/payments', { a: 1 }), path: '/v1/payments',
  status: 201, body: { id: 'pay_1' }, createdMs: 0, expiresMs: 1_000, ...overrides,
});

describe('idempotency', () => {
  it('the request hash ignores key order but not values, method or path', () => {
    expect(hashRequest('POST', '/p', { a: 1, b: { c: 2, d: 3 } })).toBe(hashRequest('POST', '/p', { b: { d: 3, c: 2 }, a: 1 }));
    expect(hashRequest('POST', '/p', { a: 1 })).not.toBe(hashRequest('POST', '/p', { a: 2 }));
    expect(hashRequest('POST', '/p', { a: 1 })).not.toBe(hashRequest('POST', '/q', { a: 1 }));
  });

  it('given no record, then the request is fresh', () => {
    expect(checkIdempotency(null, 'h', 0)).toEqual({ kind: 'fresh' });
  });

  it('given the same request, then the first answer is replayed', () => {
    expect(checkIdempotency(record(), hashRequest('POST', '/v1/payments', { a: 1 }), 500)).toEqual({ kind: 'replay', status: 201, body: { id: 'pay_1' } });
  });

  it('given a different request with the same key, then it is a mismatch', () => {
    expect(checkIdempotency(record(), hashRequest('POST', '/v1/payments', { a: 2 }), 500)).toEqual({ kind: 'mismatch' });
  });

  it('given an expired record, then the request is fresh again', () => {
    expect(checkIdempotency(record(), 'other', 1_000)).toEqual({ kind: 'fresh' });
  });
});
