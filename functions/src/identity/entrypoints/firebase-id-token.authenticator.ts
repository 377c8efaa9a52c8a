import { callerAuthorization, type Authenticator } from '../../platform/http/authenticator';
import { err, ok } from '../../shared/result';
import type { IdTokenVerifier, VerifiedUser } from '../application/id-token.verifier';
import { unauthenticatedUser } from '../application/submit-kyc-verification.command';

/** `auth: 'firebase_id_token'`: an app user, by the Firebase ID token in `Authorization: Bearer <token>`. */
export const firebaseIdTokenAuthenticator = (tokens: IdTokenVerifier): Authenticator<VerifiedUser> => ({
  scheme: 'firebase_id_token',
  async authenticate(req) {
    const token = /^Bearer\s+(\S+)$/i.exec(callerAuthorization(req) ?? '')?.[1];
    const user = token ? await tokens.verify(token) : null;
    return user ? ok(user) : err(unauthenticatedUser());
  },
});
