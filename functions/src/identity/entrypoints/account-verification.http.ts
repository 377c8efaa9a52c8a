import { routeOf } from '../../catalogue/function-catalogue';
import { apiFunction } from '../../platform/http/api-handler';
import { notFound } from '../../shared/api-error';
import { err, ok } from '../../shared/result';
import { CreateAccountVerificationRequest } from '../../contracts/identity-api.v1';
import { presentVerification } from '../application/verification.presenter';
import { prepareAccountVerification, recordAccountVerification } from '../application/submit-account-verification.command';
import { VerificationRepository } from '../application/verification.repository';
import type { IdentityModule } from '../identity.module';
import type { PaymentsModule } from '../../payments/payments.module';

/** The merchant API shell and its transaction are payments'; the verification is identity's. */
type AccountVerificationDeps = PaymentsModule & { identity: IdentityModule };

// KYB for the authenticated merchant. Sealing the personal data (KMS) and enqueueing the named
// check task happen once, before the transaction; the verification and the merchant's pointer to
// it are committed with the request's idempotency record (submit-account-verification.command.ts).
export const createAccountVerificationHttp = (deps: () => AccountVerificationDeps) =>
  apiFunction(routeOf('createAccountVerification'), deps, {
    prepare: ({ merchant, body }) => prepareAccountVerification(deps().identity, merchant, body as CreateAccountVerificationRequest),
    mutation: async ({ merchant, tx, prepared: verification }) => {
      recordAccountVerification(tx, merchant, verification);
      return ok(presentVerification(verification));
    },
  });

export const getAccountVerificationHttp = (deps: () => AccountVerificationDeps) =>
  apiFunction(routeOf('getAccountVerification'), deps, {
    query: async ({ merchant }) => {
      const repository: VerificationRepository = deps().identity.verifications;
      const current = await repository.currentForMerchant(merchant.merchantId, merchant.livemode);
      return current ? ok(presentVerification(current)) : err(notFound('account verification for merchant', merchant.merchantId));
    },
  });
