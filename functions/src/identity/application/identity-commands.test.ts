import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalFileKeyEncryptionService } from '../adapters/key-encryption.local-file';
import { MemoryVerificationRepository } from '../adapters/verification.memory-repository';
import { signWebhook } from '../domain/webhook-signature';
import { fixedClock } from '../../shared/clock';
import { createLogger } from '../../shared/logger';
import { handleVendorWebhook } from './handle-vendor-webhook.command';
import { IdentityDeps } from './identity.deps';
import { VendorSubject } from './identity-vendor.gateway';
import { runKycCheck } from './run-kyc-check.command';
import { newVerification } from './submit-verification.command';
import { testLists } from '../../compliance/application/testing/compliance-fixtures';

const secret = 'whsec_unit_0123456789abcdef';
let dir: string;
let logLines: string[];
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'identity-'));
  logLines = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function harness(opts: { vendorFails?: boolean } = {}) {
  const clock = fixedClock(1_700_000_000_000);
  const verifications = new MemoryVerificationRepository();
  const vendorCalls: Array<{ idempotencyKey: string; reference: string; subject: VendorSubject }> = [];
  const enqueued: string[] = [];
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
    webhookSecret: secret,
    callbackUrl: 'http://127.0.0.1:1/v1/webhooks/identity-vendor',
  };
  return { deps, clock, verifications, vendorCalls, enqueued };
}

const person = { name: 'Ann Example', date_of_birth: '1980-02-29', country: 'GB', address: '1 High Street', id_document_token: 'doc_tok_1' };

async function pendingKyc(h: ReturnType<typeof harness>) {
  const v = await newVerification(h.deps, { type: 'kyc', ownerId: 'user_1', request: person });
  await h.verifications.create(v);
  return v;
}

const event = (id: string, reference: string, result = 'approved') => JSON.stringify({ id, type: 'check.completed', data: { check_id: 'chk_1', reference, result, reasons: [] } });

describe('run-kyc-check', () => {
  it('screens, then hands the decrypted subject to the vendor under a per-subject idempotency key', async () => {
    const h = harness();
    const v = await pendingKyc(h);
    expect(await runKycCheck(h.deps, v.id)).toMatchObject({ kind: 'done' });
    expect(h.vendorCalls).toEqual([expect.objectContaining({ idempotencyKey: `${v.id}-person`, reference: `${v.id}:person`, subject: expect.objectContaining({ dateOfBirth: '1980-02-29', idDocumentToken: 'doc_tok_1' }) })]);
    expect((await h.verifications.get(v.id))?.subjects[0]).toMatchObject({ screening: { outcome: 'clear', listVersion: expect.any(String) }, vendor: { checkId: 'chk_1' } });
    expect(logLines.join('\n')).not.toMatch(/1980-02-29|High Street|doc_tok_1/);
  });

  it('rejects a listed person at once and sends nothing to the vendor', async () => {
    const h = harness();
    const v = await newVerification(h.deps, { type: 'kyc', ownerId: 'user_2', request: { ...person, name: 'Dragan Petrovic' } });
    await h.verifications.create(v);
    await runKycCheck(h.deps, v.id);
    expect(await h.verifications.get(v.id)).toMatchObject({ status: 'rejected', reasons: ['person: sanctions_match'] });
    expect(h.vendorCalls).toHaveLength(0);
  });

  it('does not start a second vendor check when the task runs again', async () => {
    const h = harness();
    const v = await pendingKyc(h);
    await runKycCheck(h.deps, v.id);
    await runKycCheck(h.deps, v.id);
    expect(h.vendorCalls).toHaveLength(1);
  });

  it('throws (so Cloud Tasks retries) while the vendor is down or the verification is not committed yet', async () => {
    const h = harness({ vendorFails: true });
    const v = await pendingKyc(h);
    await expect(runKycCheck(h.deps, v.id)).rejects.toThrow();
    await expect(runKycCheck(h.deps, 'kyc_missing')).rejects.toThrow();
    expect((await h.verifications.get(v.id))?.status).toBe('pending');
  });
});

describe('vendor webhooks', () => {
  it('applies a signed result once and refuses a replay of the same event, writing nothing', async () => {
    const h = harness();
    const v = await pendingKyc(h);
    await runKycCheck(h.deps, v.id);
    const body = event('evt_1', `${v.id}:person`);
    const first = await handleVendorWebhook(h.deps, { rawBody: body, signature: signWebhook(body, secret, h.clock.nowMs()) });
    expect(first.ok).toBe(true);
    expect((await h.verifications.get(v.id))?.status).toBe('verified');

    const before = JSON.stringify([...h.verifications.verifications]);
    const replay = await handleVendorWebhook(h.deps, { rawBody: body, signature: signWebhook(body, secret, h.clock.nowMs()) });
    expect(replay).toEqual({ ok: false, error: { code: 'event_replayed' } });
    expect(JSON.stringify([...h.verifications.verifications])).toBe(before);
  });

  it('refuses a delivery signed more than five minutes ago and a bad signature, writing nothing', async () => {
    const h = harness();
    const v = await pendingKyc(h);
    await runKycCheck(h.deps, v.id);
    const body = event('evt_2', `${v.id}:person`, 'rejected');
    const signature = signWebhook(body, secret, h.clock.nowMs());
    h.clock.advance(5 * 60 * 1000 + 1000);
    expect(await handleVendorWebhook(h.deps, { rawBody: body, signature })).toEqual({ ok: false, error: { code: 'timestamp_outside_tolerance' } });
    expect(await handleVendorWebhook(h.deps, { rawBody: body, signature: signWebhook(body, 'not-the-secret-xxxxxxx', h.clock.nowMs()) })).toEqual({ ok: false, error: { code: 'signature_mismatch' } });
    expect(h.verifications.seenEvents.size).toBe(0);
    expect((await h.verifications.get(v.id))?.status).toBe('pending');
  });
});
