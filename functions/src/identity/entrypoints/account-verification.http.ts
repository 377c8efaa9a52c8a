import { routeOf } from '../../catalogue/function-catalogue';
import { deps } from '../../composition-root';
import { apiFunction } from '../../platform/http/api-handler';
import { notFound } from '../../shared/api-error';
import { err, ok } from '../../shared/result';
import { verificationDocument } from '../adapters/verification.firestore-repository';
import { CreateAccountVerificationRequest } from '../../contracts/identity-api.v1';
import { presentVerification } from '../application/verification.presenter';
import { enqueueKycCheck, newVerification } from '../application/submit-verification.command';
import { IDENTITY_COLLECTIONS, merchantVerificationPointerId, VerificationRepository } from '../application/verification.repository';
import { identityDeps } from './identity.deps';

// KYB for the authenticated merchant. The verification and the merchant's pointer to it are
// committed with the request's idempotency record; the named task starts the check (it retries
// until the commit is visible).
export const createAccountVerificationHttp = apiFunction(routeOf('createAccountVerification'), deps, {
  mutation: async ({ merchant, body, tx }) => {
    const d = identityDeps();
    const verification = await newVerification(d, { type: 'kyb', ownerId: merchant.merchantId, livemode: merchant.livemode, request: body as CreateAccountVerificationRequest });
    tx.appendRecord(IDENTITY_COLLECTIONS.verifications, verification.id, verificationDocument(verification));
    tx.appendRecord(IDENTITY_COLLECTIONS.merchantVerifications, merchantVerificationPointerId(merchant.merchantId, merchant.livemode), { verificationId: verification.id, updatedMs: verification.createdMs });
    await enqueueKycCheck(d, verification.id);
    return ok(presentVerification(verification));
  },
});

export const getAccountVerificationHttp = apiFunction(routeOf('getAccountVerification'), deps, {
  query: async ({ merchant }) => {
    const repository: VerificationRepository = identityDeps().verifications;
    const current = await repository.currentForMerchant(merchant.merchantId, merchant.livemode);
    return current ? ok(presentVerification(current)) : err(notFound('account verification for merchant', merchant.merchantId));
  },
});
