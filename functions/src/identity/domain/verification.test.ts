import { applyVendorOutcome, decideVerification, parseVendorReference, vendorReference, Verification, VerificationSubject } from './verification';

const subject = (ref: string, extra: Partial<VerificationSubject> = {}): VerificationSubject => ({ ref, kind: ref === 'business' ? 'business' : 'person', name: ref, country: 'GB', ...extra });
const clear = { outcome: 'clear', listVersion: 'v1' } as const;
const screened = (ref: string, vendor?: VerificationSubject['vendor'], screening: VerificationSubject['screening'] = clear) => subject(ref, { screening, vendor });

describe('deciding a verification', () => {
  it('is verified when every subject is clear and approved by the vendor', () => {
    const decision = decideVerification([screened('business', { outcome: 'approved' }), screened('owner_0', { outcome: 'approved' })]);
    expect(decision).toEqual({ status: 'verified', reasons: [] });
  });

  it('rejects at once on a strong sanctions hit, without waiting for the vendor', () => {
    const decision = decideVerification([screened('business'), screened('owner_0', undefined, { outcome: 'strong_hit', listVersion: 'v1' })]);
    expect(decision).toEqual({ status: 'rejected', reasons: ['owner_0: sanctions_match'] });
  });

  it('rejects when the vendor rejects any subject, naming its reasons', () => {
    const decision = decideVerification([screened('business'), screened('owner_0', { outcome: 'rejected', reasons: ['document_invalid'] })]);
    expect(decision.status).toBe('rejected');
    expect(decision.reasons).toEqual(['owner_0: identity_rejected (document_invalid)']);
  });

  it('stays pending until every vendor answer is in', () => {
    expect(decideVerification([screened('business', { outcome: 'approved' }), screened('owner_0', { checkId: 'chk_1' })]).status).toBe('pending');
    expect(decideVerification([subject('business', { vendor: { outcome: 'approved' } })]).status).toBe('pending');
  });

  it('asks for review on a weak sanctions hit or a vendor review', () => {
    const weak = decideVerification([screened('owner_0', { outcome: 'approved' }, { outcome: 'weak_hit', listVersion: 'v1' })]);
    const review = decideVerification([screened('owner_0', { outcome: 'review' })]);
    expect(weak).toEqual({ status: 'requires_review', reasons: ['owner_0: possible_sanctions_match'] });
    expect(review).toEqual({ status: 'requires_review', reasons: ['owner_0: identity_needs_review'] });
  });
});

describe('applying vendor answers', () => {
  const pending: Verification = {
    id: 'kyb_abc', type: 'kyb', ownerId: 'acct_1', status: 'pending', reasons: [], createdMs: 1, updatedMs: 1,
    subjects: [screened('business', { checkId: 'chk_1' })], personalData: { kekId: 'k', wrappedKey: '', fields: {} },
  };

  it('decides once the last answer arrives', () => {
    expect(applyVendorOutcome(pending, 'business', 'approved', [], 5)).toMatchObject({ status: 'verified', updatedMs: 5 });
  });

  it('ignores answers after the decision and for unknown subjects', () => {
    const decided = applyVendorOutcome(pending, 'business', 'rejected', [], 5);
    expect(applyVendorOutcome(decided, 'business', 'approved', [], 6)).toBe(decided);
    expect(applyVendorOutcome(pending, 'owner_9', 'approved', [], 6)).toBe(pending);
  });

  it('round-trips vendor references and refuses foreign ones', () => {
    expect(parseVendorReference(vendorReference('kyb_abc', 'owner_2'))).toEqual({ verificationId: 'kyb_abc', ref: 'owner_2' });
    expect(parseVendorReference('pay_abc:owner_2')).toBeNull();
  });
});
