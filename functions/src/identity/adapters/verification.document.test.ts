import { asStored, refusalOf } from '../../platform/adapters/testing/stored-document.expectations';
import { parseStoredDocument } from '../../platform/adapters/stored-document';
import { applyVendorOutcome, Verification } from '../domain/verification';
import { MerchantVerificationPointerDocument, VerificationDocument } from './verification.document';

const T0 = Date.UTC(2025, 0, 15);
const pending: Verification = {
  id: 'kyb_1',
  type: 'kyb',
  ownerId: 'acct_1',
  status: 'pending',
  subjects: [
    { ref: 'business', kind: 'business', name: 'Acme Ltd', country: 'GB', registrationNumber: '0123', screening: { outcome: 'clear', listVersion: 'v1' }, vendor: { checkId: 'chk_1' } },
    { ref: 'owner_0', kind: 'person', name: 'Ana Lopez', country: 'ES', screening: { outcome: 'weak_hit', listVersion: 'v1', topMatch: { entityId: '7', matchedName: 'LOPEZ, Ana', score: 0.91 } } },
  ],
  personalData: { kekId: 'kek_1', wrappedKey: 'd3JhcHBlZA==', fields: { 'owner_0.dob': { iv: 'aXY=', ciphertext: 'Y3Q=', tag: 'dGFn' } } },
  reasons: [],
  createdMs: T0,
  updatedMs: T0,
};
const read = (data: unknown) => parseStoredDocument(VerificationDocument, 'verifications', 'kyb_1', data);

describe('VerificationDocument', () => {
  it('given a pending verification, optional fields absent on some subjects, when read back, then it equals the verification', () => {
    expect(read(asStored(pending))).toEqual(pending);
  });

  it('given a decided verification with vendor reasons, when read back, then it equals the verification', () => {
    const decided = applyVendorOutcome(applyVendorOutcome(pending, 'business', 'approved', [], T0 + 1), 'owner_0', 'review', ['document_blurry'], T0 + 2);

    expect(read(asStored(decided))).toEqual(decided);
  });

  it('given a verification without its sealed envelope, when read back, then it is refused naming the field', () => {
    const { personalData: _sealed, ...unsealed } = asStored(pending);

    expect(refusalOf(() => read(unsealed)).issues).toEqual(['personalData: invalid_type (expected object)']);
  });

  it('given a subject name of the wrong type, when read back, then the path is named and no personal data is quoted', () => {
    const stored = asStored(pending);
    const subjects = [pending.subjects[0], { ...pending.subjects[1], name: ['Ana Lopez'], country: 42 }];
    const error = refusalOf(() => read({ ...stored, subjects }));

    expect(error.message).toContain('verifications/kyb_1');
    expect(error.issues).toEqual(['subjects.1.name: invalid_type (expected string)', 'subjects.1.country: invalid_type (expected string)']);
    expect(error.message).not.toMatch(/Ana|Lopez|Acme|d3JhcHBlZA/);
  });
});

describe('MerchantVerificationPointerDocument', () => {
  it('given a pointer without its verification id, when read back, then it is refused naming the field', () => {
    const error = refusalOf(() => parseStoredDocument(MerchantVerificationPointerDocument, 'merchant_verifications', 'acct_1', { updatedMs: T0 }));

    expect(error.issues).toEqual(['verificationId: invalid_type (expected string)']);
  });
});
