import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runKycCheck } from './run-kyc-check.command';
import { newVerification } from './submit-verification.command';
import { identityHarness, testPerson } from './testing/identity-harness';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'identity-modes-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const kyb = (livemode: boolean) => ({
  type: 'kyb' as const,
  ownerId: 'acct_1',
  livemode,
  request: { business: { legal_name: 'Example Trading Ltd', registration_number: '01234567', country: 'GB', address: '2 Market Square' }, beneficial_owners: [testPerson] },
});

describe('run-kyc-check sends each verification to the vendor of its mode', () => {
  it.each([false, true])('given a KYB with livemode %s, then every vendor request carries that mode', async (livemode) => {
    const h = identityHarness(dir);
    const v = await newVerification(h.deps, kyb(livemode));
    await h.verifications.create(v);
    await runKycCheck(h.deps, v.id);
    expect(h.vendorCalls.map((c) => c.livemode)).toEqual([livemode, livemode]);
  });

  it('given a verification stored before modes existed, then no vendor sees it and the task is dropped for an operator', async () => {
    const h = identityHarness(dir);
    const { livemode: _dropped, ...withoutMode } = await newVerification(h.deps, kyb(true));
    await h.verifications.create(withoutMode);
    expect(await runKycCheck(h.deps, withoutMode.id)).toEqual({ kind: 'dropped', reason: 'verification_mode_unknown' });
    expect(h.vendorCalls).toEqual([]);
  });
});
