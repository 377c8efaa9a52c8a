import type { Verification } from '../domain/verification';
import { verificationEvents } from './verification-events';

const kyb = (status: Verification['status'], overrides: Partial<Verification> = {}): Verification => ({
  id: 'vrf_1',
  type: 'kyb',
  ownerId: 'acct_shop',
  livemode: true,
  status,
  subjects: [{ ref: 'business', kind: 'business', name: 'Shop Ltd', country: 'GB' } as Verification['subjects'][number]],
  personalData: { kekId: 'k', wrappedKey: 'w', fields: { 'owner_1.dob': { iv: 'i', ciphertext: 'SECRET-DOB', tag: 't' } } },
  reasons: [],
  createdMs: 1_000,
  updatedMs: 2_000,
  ...overrides,
});

describe('account.verification_updated', () => {
  it('given a KYB verification that changes status, then one event with the verification as the API shows it and no personal data', () => {
    const [event] = verificationEvents(kyb('pending'), kyb('verified'));
    expect(event).toMatchObject({ id: 'evt_vrf_1_verified', type: 'account.verification_updated', data: { merchant_id: 'acct_shop', livemode: true, previous_attributes: { status: 'pending' }, object: { id: 'vrf_1', object: 'account_verification', status: 'verified' } } });
    expect(JSON.stringify(event)).not.toContain('SECRET-DOB');
  });

  it('given no status change, an end user\'s KYC, or a verification without a mode, then no event', () => {
    expect(verificationEvents(kyb('pending'), kyb('pending'))).toEqual([]);
    expect(verificationEvents(kyb('pending', { type: 'kyc' }), kyb('verified', { type: 'kyc' }))).toEqual([]);
    expect(verificationEvents(kyb('pending', { livemode: undefined }), kyb('verified', { livemode: undefined }))).toEqual([]);
  });
});
