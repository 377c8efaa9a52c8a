import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signWebhook } from '../domain/webhook-signature';
import { handleVendorWebhook } from './handle-vendor-webhook.command';
import { runKycCheck } from './run-kyc-check.command';
import { newVerification } from './submit-verification.command';
import { identityHarness, pendingKyc, testPerson as person, vendorEvent as event, WEBHOOK_SECRET as secret } from './testing/identity-harness';

let dir: string;
let logLines: string[];
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'identity-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function harness(opts: { vendorFails?: boolean } = {}) {
  const h = identityHarness(dir, opts);
  logLines = h.logLines;
  return h;
}

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
    const v = await newVerification(h.deps, { type: 'kyc', ownerId: 'user_2', livemode: true, request: { ...person, name: 'Dragan Petrovic' } });
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
