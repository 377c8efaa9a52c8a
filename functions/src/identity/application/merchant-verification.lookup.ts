import { apiError, ApiError } from '../../shared/api-error';
import { Clock } from '../../shared/clock';
import { VerificationRepository } from './verification.repository';

/** Used by the payments context: may this merchant take live money? Only a live-mode KYB counts. */
export interface MerchantVerificationLookup {
  isVerified(merchantId: string): Promise<boolean>;
}

export const accountNotVerified = (): ApiError =>
  apiError(403, 'invalid_request_error', 'account_not_verified', 'Your account is not verified yet; only test payments can be created. Submit POST /v1/account/verification.');

// A verified merchant stays verified for a while in this instance's memory, so live payments do
// not pay an extra read each; an unverified answer is never cached (verification should show up
// at once).
export function cachedMerchantVerification(verifications: VerificationRepository, clock: Clock, ttlMs = 60_000): MerchantVerificationLookup {
  const verifiedUntil = new Map<string, number>();
  return {
    async isVerified(merchantId) {
      if ((verifiedUntil.get(merchantId) ?? 0) > clock.nowMs()) return true;
      const current = await verifications.currentForMerchant(merchantId, true);
      if (current?.status !== 'verified') return false;
      verifiedUntil.set(merchantId, clock.nowMs() + ttlMs);
      return true;
    },
  };
}
