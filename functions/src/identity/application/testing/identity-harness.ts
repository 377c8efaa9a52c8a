import path from 'node:path';
import { testLists } from '../../../compliance/application/testing/compliance-fixtures';
import { MemoryRateLimiter } from '../../../platform/adapters/rate-limiter.memory';
import { fixedClock } from '../../../shared/clock';
import { createLogger } from '../../../shared/logger';
import { LocalFileKeyEncryptionService } from '../../adapters/key-encryption.local-file';
import { MemoryVerificationRepository } from '../../adapters/verification.memory-repository';
import { IdentityDeps } from '../identity.deps';
import { VendorSubject } from '../identity-vendor.gateway';
import { newVerification } from '../submit-verification.command';

// Identity deps over in-memory adapters for unit tests; `dir` holds the local key-encryption key.

export const WEBHOOK_SECRET = 'whsec_unit_0123456789abcdef';

export function identityHarness(dir: string, opts: { vendorFails?: boolean } = {}) {
  const clock = fixedClock(1_700_000_000_000);
  const verifications = new MemoryVerificationRepository();
  const vendorCalls: Array<{ livemode: boolean; idempotencyKey: string; reference: string; subject: VendorSubject }> = [];
  const enqueued: string[] = [];
  const logLines: string[] = [];
  const deps: IdentityDeps = {
    verifications,
    kek: new LocalFileKeyEncryptionService(path.join(dir, 'kek.key')),
    vendor: {
      startCheck: async (request) => {
        if (opts.vendorFails) throw new Error('vendor unavailable');
        vendorCalls.push(request);
        return { checkId: `chk_${vendorCalls.length}` };
      },
    },
    tokens: { verify: async () => null },
    sanctions: testLists,
    tasks: { enqueue: async (_q, name) => (enqueued.push(name), 'enqueued') },
    clock,
    log: createLogger({}, (line) => logLines.push(line)),
    webhookSecrets: [WEBHOOK_SECRET],
    callbackUrl: 'http://127.0.0.1:1/v1/webhooks/identity-vendor',
    rateLimiter: new MemoryRateLimiter(),
    kycLimits: { perUser: 3, perMerchant: 5, windowMs: 60 * 60 * 1000 },
  };
  return { deps, clock, verifications, vendorCalls, enqueued, logLines };
}

export type IdentityHarness = ReturnType<typeof identityHarness>;

export const testPerson = { name: 'Ann Example', date_of_birth: '1980-02-29', country: 'GB', address: '1 High Street', id_document_token: 'doc_tok_1' };

/** A stored, pending KYC verification for one person. */
export async function pendingKyc(h: IdentityHarness, name = testPerson.name) {
  const v = await newVerification(h.deps, { type: 'kyc', ownerId: 'user_1', livemode: true, request: { ...testPerson, name } });
  await h.verifications.create(v);
  return v;
}

export const vendorEvent = (id: string, reference: string, result = 'approved') =>
  JSON.stringify({ id, type: 'check.completed', data: { check_id: 'chk_1', reference, result, reasons: result === 'approved' ? [] : ['document_unclear'] } });
