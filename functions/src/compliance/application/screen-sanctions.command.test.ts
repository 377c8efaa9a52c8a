import { MemoryRateLimiter } from '../../platform/adapters/rate-limiter.memory';
import { keyedHash } from '../../shared/keyed-hash';
import { ok, err } from '../../shared/result';
import { admitScreening, screeningAuditEntry } from './screen-sanctions.command';
import { TEST_INDEX } from './testing/compliance-fixtures';
import { screenName } from '../domain/sanctions-matcher';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 10);
const limits = { perMerchant: 3, windowMs: 60_000 };
const test = { merchantId: 'acct_a', livemode: false };
const live = { merchantId: 'acct_a', livemode: true };
const other = { merchantId: 'acct_b', livemode: false };

describe('sanctions screening API budget', () => {
  it('given a merchant used its budget in this mode, when it asks again, then 429 rate_limit_error with the seconds to the next window', async () => {
    const deps = { rateLimiter: new MemoryRateLimiter(), limits };
    for (let i = 0; i < 3; i++) expect((await admitScreening(deps, test, T0)).ok).toBe(true);
    const refused = await admitScreening(deps, test, T0);
    expect(refused.ok ? null : refused.error).toMatchObject({ status: 429, type: 'rate_limit_error', code: 'rate_limited', retryAfterSeconds: 50 });
  });

  it('given the test budget is spent, then live mode and other merchants keep their own budgets; the next window starts afresh', async () => {
    const deps = { rateLimiter: new MemoryRateLimiter(), limits };
    for (let i = 0; i < 3; i++) await admitScreening(deps, test, T0);
    expect((await admitScreening(deps, live, T0)).ok).toBe(true);
    expect((await admitScreening(deps, other, T0)).ok).toBe(true);
    expect((await admitScreening(deps, test, T0 + 60_000)).ok).toBe(true);
  });
});

describe('sanctions screening API audit entry', () => {
  const name = 'Dragan Petrovic';
  const screened = ok({ matches: screenName(TEST_INDEX, name), listVersion: TEST_INDEX.list.listVersion });

  it('given an accepted screening, then the entry names the merchant, a keyed hash of the name and the outcome, never the name', () => {
    const entry = screeningAuditEntry(test, { name, type: 'individual' }, screened, T0);
    expect(entry).toMatchObject({
      actor: 'merchant:acct_a',
      action: 'sanctions.name_screened',
      subject: 'merchants/acct_a',
      details: { livemode: false, nameHash: keyedHash('sanctions-screen-name', 'dragan petrovic'), type: 'individual', outcome: 'strong_match', matchCount: 1, listVersion: TEST_INDEX.list.listVersion },
    });
    expect(JSON.stringify(entry).toLowerCase()).not.toContain('petrovic');
  });

  it('given the same name in other case or spacing, then the hash is the same; another name hashes differently', () => {
    const hashOf = (n: string) => screeningAuditEntry(test, { name: n }, screened, T0).details.nameHash;
    expect(hashOf('  DRAGAN petrovic ')).toBe(hashOf(name));
    expect(hashOf('Emily Thornton')).not.toBe(hashOf(name));
  });

  it('given no match or an unavailable list, then the outcome says so', () => {
    expect(screeningAuditEntry(test, { name: 'Emily Thornton' }, ok({ matches: [], listVersion: 'v1' }), T0).details).toMatchObject({ outcome: 'no_match', matchCount: 0 });
    expect(screeningAuditEntry(test, { name }, err({ code: 'SANCTIONS_LIST_UNAVAILABLE' as const, message: 'down' }), T0).details).toMatchObject({ outcome: 'list_unavailable', listVersion: null });
  });
});
