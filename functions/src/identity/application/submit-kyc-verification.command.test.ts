import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VerifiedUser } from '../../shared/id-token.verifier';
import { submitKycVerification } from './submit-kyc-verification.command';
import { identityHarness, testPerson } from './testing/identity-harness';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kyc-submit-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const user = (uid: string, extra: Partial<VerifiedUser> = {}): VerifiedUser => ({ uid, emailVerified: true, merchantId: 'acct_app1', ...extra });

// The harness allows 3 new verifications per user and 5 per merchant an hour.
describe('end-user KYC submissions', () => {
  it('given a verified user, then a pending verification is created and the answer holds the status only', async () => {
    const h = identityHarness(dir);
    const answer = await submitKycVerification(h.deps, { user: user('u1'), idempotencyKey: 'k1', request: testPerson });
    expect(answer).toEqual({ ok: true, value: { id: expect.stringMatching(/^kyc_/), object: 'kyc_verification', status: 'pending', created: expect.any(Number), updated: expect.any(Number) } });
    expect(h.enqueued).toHaveLength(1);
  });

  it('given a decided verification, when the user replays the request, then only the status comes back, never the reasons or subjects', async () => {
    const h = identityHarness(dir);
    const first = await submitKycVerification(h.deps, { user: user('u1'), idempotencyKey: 'k1', request: testPerson });
    const id = first.ok ? first.value.id : '';
    await h.verifications.update(id, (v) => ({ ...v, status: 'rejected', reasons: ['person: sanctions_match'] }));
    const replay = await submitKycVerification(h.deps, { user: user('u1'), idempotencyKey: 'k1', request: testPerson });
    expect(replay).toEqual({ ok: true, value: expect.objectContaining({ id, status: 'rejected' }) });
    expect(JSON.stringify(replay)).not.toMatch(/sanctions_match|reasons|subjects|Ann Example/);
  });

  it('given a token without a verified e-mail, then 403 email_not_verified and nothing is written', async () => {
    const h = identityHarness(dir);
    const answer = await submitKycVerification(h.deps, { user: user('u1', { emailVerified: false }), idempotencyKey: 'k1', request: testPerson });
    expect(answer).toEqual({ ok: false, error: expect.objectContaining({ status: 403, code: 'email_not_verified' }) });
    expect(h.verifications.verifications.size).toBe(0);
    expect(h.enqueued).toEqual([]);
  });

  it('given a user past their budget, then 429 with the seconds to wait and nothing written; a replay stays free and the next window opens', async () => {
    const h = identityHarness(dir);
    for (const key of ['k1', 'k2', 'k3']) expect((await submitKycVerification(h.deps, { user: user('u1'), idempotencyKey: key, request: testPerson })).ok).toBe(true);
    h.clock.advance(60_000);
    const refused = await submitKycVerification(h.deps, { user: user('u1'), idempotencyKey: 'k4', request: testPerson });
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ status: 429, type: 'rate_limit_error', code: 'rate_limited', retryAfterSeconds: expect.any(Number) }) });
    const wait = refused.ok ? 0 : refused.error.retryAfterSeconds!;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(3600);
    expect(h.verifications.verifications.size).toBe(3);
    expect((await submitKycVerification(h.deps, { user: user('u1'), idempotencyKey: 'k1', request: testPerson })).ok).toBe(true);
    expect((await submitKycVerification(h.deps, { user: user('u2'), idempotencyKey: 'k1', request: testPerson })).ok).toBe(true);
    h.clock.advance(wait * 1000);
    expect((await submitKycVerification(h.deps, { user: user('u1'), idempotencyKey: 'k4', request: testPerson })).ok).toBe(true);
  });

  it('given many users of one merchant, then the merchant budget stops them while another merchant is unaffected', async () => {
    const h = identityHarness(dir);
    for (let n = 0; n < 5; n++) expect((await submitKycVerification(h.deps, { user: user(`u${n}`), idempotencyKey: 'k', request: testPerson })).ok).toBe(true);
    const refused = await submitKycVerification(h.deps, { user: user('u9'), idempotencyKey: 'k', request: testPerson });
    expect(refused).toMatchObject({ ok: false, error: { status: 429 } });
    expect((await submitKycVerification(h.deps, { user: user('u9', { merchantId: 'acct_app2' }), idempotencyKey: 'k', request: testPerson })).ok).toBe(true);
    // The refused request spent nothing from u9's own budget.
    expect((await submitKycVerification(h.deps, { user: user('u9', { merchantId: 'acct_app2' }), idempotencyKey: 'k2', request: testPerson })).ok).toBe(true);
  });
});
