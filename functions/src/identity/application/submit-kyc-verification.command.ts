import { ApiError, apiError, rateLimited } from '../../shared/api-error';
import { keyedHash } from '../../shared/keyed-hash';
import { err, ok, Result } from '../../shared/result';
import { VerifiedUser } from '../../shared/id-token.verifier';
import { CreateKycVerificationRequest, KycVerificationObject } from '../../contracts/identity-api.v1';
import { presentKycVerification } from './verification.presenter';
import { IdentityDeps } from './identity.deps';
import { enqueueKycCheck, kycIdFor, newVerification } from './submit-verification.command';
import type { z } from 'zod';

export const unauthenticatedUser = (): ApiError =>
  apiError(401, 'authentication_error', 'invalid_id_token', 'Send a valid Firebase ID token as `Authorization: Bearer <id token>`.');

/**
 * An end user asks to be verified. The endpoint must not be an identity oracle (submit names and
 * documents, read why they fail), so: only users whose e-mail Firebase has verified; a budget of
 * new verifications per user and per merchant (a replay of the same Idempotency-Key is free); and
 * the answer carries the status alone.
 */
export async function submitKycVerification(
  deps: IdentityDeps,
  input: { user: VerifiedUser; idempotencyKey: string | undefined; request: CreateKycVerificationRequest },
): Promise<Result<z.infer<typeof KycVerificationObject>, ApiError>> {
  const { user } = input;
  if (!user.emailVerified) {
    return err(apiError(403, 'authentication_error', 'email_not_verified', 'Verify your e-mail address before starting an identity verification.'));
  }
  const id = kycIdFor(user.uid, input.idempotencyKey);
  const existing = id ? await deps.verifications.get(id) : null;
  if (existing) return existing.ownerId === user.uid ? ok(presentKycVerification(existing)) : err(unauthenticatedUser());

  const nowMs = deps.clock.nowMs();
  const { perUser, perMerchant, windowMs } = deps.kycLimits;
  // Tokens without a merchant claim (the platform's own app) share one merchant budget.
  const decision = await deps.rateLimiter.take(
    [
      { key: `kyc_user_${keyedHash('kyc-user', user.uid).slice(0, 32)}`, limit: perUser, windowMs },
      { key: `kyc_merchant_${user.merchantId ?? 'none'}`, limit: perMerchant, windowMs },
    ],
    nowMs,
  );
  if (!decision.allowed) {
    deps.log.warn('kyc submission rate limited', { scope: decision.bucket.startsWith('kyc_user_') ? 'user' : 'merchant', merchant_id: user.merchantId ?? null });
    return err(rateLimited('rate_limited', 'Too many identity verifications; try again later.', decision.retryAfterMs / 1000));
  }

  // An end user is a real person: the live vendor checks them (locally a second sandbox plays it).
  const verification = await newVerification(deps, { type: 'kyc', ownerId: user.uid, livemode: true, request: input.request, id });
  await deps.verifications.create(verification);
  await enqueueKycCheck(deps, verification.id);
  return ok(presentKycVerification(verification));
}
