import { fixedClock } from '../../shared/clock';
import { MemoryVerificationRepository } from '../adapters/verification.memory-repository';
import { Verification } from '../domain/verification';
import { cachedMerchantVerification } from './merchant-verification.lookup';

const T0 = 1_700_000_000_000;
const kyb = (id: string, status: Verification['status']): Verification => ({
  id, type: 'kyb', ownerId: 'acct_1', status, subjects: [], personalData: { kekId: 'k', wrappedKey: 'w', fields: {} }, reasons: [], createdMs: T0, updatedMs: T0,
});

function given(...pointers: Array<{ livemode: boolean; verification: Verification }>) {
  const verifications = new MemoryVerificationRepository();
  for (const { livemode, verification } of pointers) {
    verifications.verifications.set(verification.id, verification);
    verifications.pointMerchantAt('acct_1', livemode, verification.id);
  }
  return cachedMerchantVerification(verifications, fixedClock(T0));
}

describe('may a merchant take live money', () => {
  it('given only a verified test-mode KYB, when a live payment asks, then the merchant is not verified', async () => {
    // The sandbox vendor approves test submissions: they must never unlock live money.
    const lookup = given({ livemode: false, verification: kyb('kyb_test', 'verified') });
    expect(await lookup.isVerified('acct_1')).toBe(false);
  });

  it('given a verified live KYB and a later pending test-mode one, when a live payment asks, then the live one still answers', async () => {
    const lookup = given({ livemode: true, verification: kyb('kyb_live', 'verified') }, { livemode: false, verification: kyb('kyb_test', 'pending') });
    expect(await lookup.isVerified('acct_1')).toBe(true);
  });

  it('given a rejected live KYB, when a live payment asks, then the merchant is not verified', async () => {
    const lookup = given({ livemode: true, verification: kyb('kyb_live', 'rejected') }, { livemode: false, verification: kyb('kyb_test', 'verified') });
    expect(await lookup.isVerified('acct_1')).toBe(false);
  });
});
