import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signWebhook } from '../domain/webhook-signature';
import { handleVendorWebhook } from './handle-vendor-webhook.command';
import { runKycCheck } from './run-kyc-check.command';
import { identityHarness, IdentityHarness, pendingKyc, vendorEvent, WEBHOOK_SECRET } from './testing/identity-harness';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'identity-audit-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function vendorAnswers(h: IdentityHarness, eventId: string, reference: string, result: string) {
  const body = vendorEvent(eventId, reference, result);
  return handleVendorWebhook(h.deps, { rawBody: body, signature: signWebhook(body, WEBHOOK_SECRET, h.clock.nowMs()) });
}

describe('KYC/KYB decisions in the compliance trail', () => {
  it('given a listed person, when the check runs, then the rejection is audited with list version and entity and a high-priority sanctions case opens', async () => {
    const h = identityHarness(dir);
    const v = await pendingKyc(h, 'Dragan Petrovic');

    await runKycCheck(h.deps, v.id);

    const decided = h.verifications.audit.find((e) => e.action === 'identity.verification_decided');
    expect(decided).toMatchObject({
      actor: 'system:run-kyc-check',
      subject: `verifications/${v.id}`,
      reason: expect.stringContaining('rejected'),
      details: { status: 'rejected', screening: [expect.objectContaining({ outcome: 'strong_hit', listVersion: expect.stringMatching(/^OFAC-SDN:/), topMatch: expect.objectContaining({ entityId: '2' }) })] },
    });
    expect([...h.verifications.cases.values()]).toEqual([
      expect.objectContaining({ kind: 'sanctions_hit', priority: 'high', status: 'open', subject: `verifications/${v.id}`, details: expect.objectContaining({ verificationId: v.id }) }),
    ]);
    expect(h.verifications.audit.map((e) => e.action)).toEqual(['identity.verification_decided', 'case.opened']);
  });

  it('given a clear person the vendor approves, when the webhook lands, then one verified decision is audited and no case opens', async () => {
    const h = identityHarness(dir);
    const v = await pendingKyc(h);
    await runKycCheck(h.deps, v.id);
    expect(h.verifications.audit).toEqual([]);

    await vendorAnswers(h, 'evt_ok', `${v.id}:person`, 'approved');

    expect(h.verifications.audit).toEqual([
      expect.objectContaining({ actor: 'system:identity-vendor-webhook', action: 'identity.verification_decided', details: expect.objectContaining({ status: 'verified', vendor: [{ ref: 'person', outcome: 'approved', reasons: [] }] }) }),
    ]);
    expect(h.verifications.cases.size).toBe(0);
  });

  it('given the vendor asks for review, when the webhook lands, then an identity-review case opens with the vendor reasons', async () => {
    const h = identityHarness(dir);
    const v = await pendingKyc(h);
    await runKycCheck(h.deps, v.id);

    await vendorAnswers(h, 'evt_review', `${v.id}:person`, 'review');

    expect(h.verifications.cases.get(`case_${v.id}`)).toMatchObject({ kind: 'identity_review', priority: 'normal', details: { status: 'requires_review', vendor: [{ outcome: 'review', reasons: ['document_unclear'] }] } });
    expect(h.verifications.audit.map((e) => e.action)).toEqual(['identity.verification_decided', 'case.opened']);
  });

  it('given a weak sanctions match, when the vendor approves, then the verification needs review and a normal-priority sanctions case opens', async () => {
    const h = identityHarness(dir);
    const v = await pendingKyc(h, 'Milorad Kovacevik');
    await runKycCheck(h.deps, v.id);

    await vendorAnswers(h, 'evt_weak', `${v.id}:person`, 'approved');

    expect(await h.verifications.get(v.id)).toMatchObject({ status: 'requires_review' });
    expect(h.verifications.cases.get(`case_${v.id}`)).toMatchObject({ kind: 'sanctions_hit', priority: 'normal' });
  });

  it('given a decided verification, when the task runs again or a late answer arrives, then nothing more is audited', async () => {
    const h = identityHarness(dir);
    const v = await pendingKyc(h, 'Dragan Petrovic');
    await runKycCheck(h.deps, v.id);
    const trail = h.verifications.audit.length;

    await runKycCheck(h.deps, v.id);
    await vendorAnswers(h, 'evt_late', `${v.id}:person`, 'approved');

    expect(h.verifications.audit).toHaveLength(trail);
    expect(h.verifications.cases.size).toBe(1);
  });
});
