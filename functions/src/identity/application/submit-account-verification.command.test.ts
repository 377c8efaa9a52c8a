import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateAccountVerificationRequest } from '../../contracts/identity-api.v1';
import { InMemoryPaymentRepository } from '../../payments/adapters/payment.memory-repository';
import { runIdempotent } from '../../platform/http/idempotent-mutation';
import { COLLECTIONS } from '../../shared/firestore-collections';
import { Verification } from '../domain/verification';
import { KYC_COMMIT_WINDOW_MS, runKycCheck } from './run-kyc-check.command';
import { prepareAccountVerification, recordAccountVerification } from './submit-account-verification.command';
import { identityHarness, testPerson } from './testing/identity-harness';
import { merchantVerificationPointerId } from './verification.repository';

const MERCHANT = { merchantId: 'acct_kyb1', livemode: false };
const request: CreateAccountVerificationRequest = {
  business: { legal_name: 'Example Trading Ltd', registration_number: 'GB123', country: 'GB', address: '2 Market Street' },
  beneficial_owners: [testPerson],
};

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'kyb-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// The KYB request as the merchant API runs it: prepare once, then the transaction (whose body the
// memory repository runs twice) with the request's idempotency record.
function kyb() {
  const h = identityHarness(dir);
  const wraps: number[] = [];
  const kek = h.deps.kek;
  const deps = { ...h.deps, kek: { kekId: kek.kekId, wrap: (key: Buffer) => (wraps.push(1), kek.wrap(key)), unwrap: kek.unwrap.bind(kek) } };
  const payments = new InMemoryPaymentRepository();
  let bodyRuns = 0;
  const submit = (key?: string) =>
    runIdempotent(
      { transactions: payments, clock: h.clock },
      {
        merchant: MERCHANT,
        key,
        method: 'POST',
        path: '/v1/account_verifications',
        body: request,
        prepare: () => prepareAccountVerification(deps, MERCHANT, request),
        execute: async (tx, verification: Verification) => {
          bodyRuns++;
          recordAccountVerification(tx, MERCHANT, verification);
          return { status: 200, body: { id: verification.id } };
        },
      },
    );
  return { h, deps, wraps, payments, submit, bodyRuns: () => bodyRuns };
}

describe('KYB submission around the request transaction', () => {
  it('given a KYB request, when its transaction body runs twice, then KMS is called and the check task enqueued once, and the verification and pointer are committed', async () => {
    const k = kyb();
    const reply = await k.submit();
    const id = (reply.body as { id: string }).id;
    expect(k.bodyRuns()).toBe(2);
    expect(k.wraps).toHaveLength(1);
    expect(k.h.enqueued).toEqual([`kyc-check-${id}`]);
    expect(k.payments.record(COLLECTIONS.verifications, id)).toMatchObject({ id, type: 'kyb', ownerId: MERCHANT.merchantId, status: 'pending' });
    expect(k.payments.record(COLLECTIONS.merchantVerifications, merchantVerificationPointerId(MERCHANT.merchantId, false))).toEqual({ verificationId: id, updatedMs: k.h.clock.nowMs() });
  });

  it('given a completed KYB request, when replayed with its key, then nothing is sealed or enqueued again', async () => {
    const k = kyb();
    const first = await k.submit('kyb-key-1');
    const again = await k.submit('kyb-key-1');
    expect(again).toMatchObject({ body: first.body, replayed: true });
    expect(k.wraps).toHaveLength(1);
    expect(k.h.enqueued).toHaveLength(1);
  });

  it('given a KYB request whose commit fails, then its task is enqueued but nothing is written, and the task drops the check once no commit can come', async () => {
    const k = kyb();
    k.payments.failNextCommit();
    await expect(k.submit()).rejects.toThrow('transaction aborted');
    expect(k.h.enqueued).toHaveLength(1);
    const id = k.h.enqueued[0].replace('kyc-check-', '');
    expect(k.payments.record(COLLECTIONS.verifications, id)).toBeNull();
    const enqueuedMs = k.h.clock.nowMs();
    // Within the window the commit may still be on its way: the task is retried.
    await expect(runKycCheck(k.h.deps, id, enqueuedMs)).rejects.toThrow('not found (yet)');
    k.h.clock.advance(KYC_COMMIT_WINDOW_MS + 1);
    expect(await runKycCheck(k.h.deps, id, enqueuedMs)).toEqual({ kind: 'dropped', reason: 'verification_never_committed' });
    expect(k.h.vendorCalls).toEqual([]);
  });

  it('given a task without an enqueue time (enqueued after a commit), when its verification is missing, then it is retried, never dropped', async () => {
    const k = kyb();
    k.h.clock.advance(KYC_COMMIT_WINDOW_MS * 10);
    await expect(runKycCheck(k.h.deps, 'kyb_missing1')).rejects.toThrow('not found (yet)');
  });
});
