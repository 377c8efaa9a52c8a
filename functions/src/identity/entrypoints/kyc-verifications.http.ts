import type { HttpFunction } from '@google-cloud/functions-framework';
import { routeOf } from '../../catalogue/function-catalogue';
import { routeEndpoint } from '../../platform/http/route-endpoint';
import { CreateKycVerificationRequest } from '../../contracts/identity-api.v1';
import type { VerifiedUser } from '../../shared/id-token.verifier';
import { submitKycVerification } from '../application/submit-kyc-verification.command';
import { firebaseIdTokenAuthenticator } from '../../platform/http/firebase-id-token.authenticator';
import type { IdentityModule } from '../identity.module';

const route = routeOf('createKycVerification');

// End users of the mobile apps, authenticated by their Firebase ID token rather than a merchant
// key (the route declares `auth: 'firebase_id_token'`). A retry with the same Idempotency-Key lands
// on the same verification.
export const createKycVerificationHttp = (deps: () => IdentityModule): HttpFunction => {
  const context = () => {
    const d = deps();
    return { log: d.log, projectId: d.projectId, authenticators: { firebase_id_token: firebaseIdTokenAuthenticator(d.tokens) } };
  };
  return routeEndpoint<VerifiedUser>(route, context, ({ principal, input, req }) =>
    submitKycVerification(deps(), { user: principal, idempotencyKey: req.get('idempotency-key'), request: input as CreateKycVerificationRequest }),
  );
};
