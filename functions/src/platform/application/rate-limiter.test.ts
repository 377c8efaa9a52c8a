import { MemoryRateLimiter } from '../adapters/rate-limiter.memory';
import { decide, windowOf } from './rate-limiter';

const HOUR = 3_600_000;
const T0 = 1_700_000_000_000;

describe('fixed-window rate limits', () => {
  it('given a bucket at its limit, then the request is refused until the window ends', () => {
    const bucket = { key: 'u', limit: 2, windowMs: HOUR };
    expect(decide([bucket], [1], T0)).toEqual({ allowed: true });
    expect(decide([bucket], [2], T0)).toEqual({ allowed: false, bucket: 'u', retryAfterMs: windowOf(T0, HOUR).endMs - T0 });
  });

  it('given two buckets, when one is full, then nothing is taken from the other', async () => {
    const limiter = new MemoryRateLimiter();
    const user = { key: 'user', limit: 10, windowMs: HOUR };
    const merchant = { key: 'merchant', limit: 1, windowMs: HOUR };
    expect((await limiter.take([user, merchant], T0)).allowed).toBe(true);
    expect(await limiter.take([user, merchant], T0)).toMatchObject({ allowed: false, bucket: 'merchant' });
    // user has spent 1 of 10: nine more alone
    for (let n = 0; n < 9; n++) expect((await limiter.take([user], T0)).allowed).toBe(true);
    expect((await limiter.take([user], T0)).allowed).toBe(false);
    expect((await limiter.take([user], windowOf(T0, HOUR).endMs)).allowed).toBe(true);
  });
});
