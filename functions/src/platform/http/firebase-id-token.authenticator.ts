import { apiError } from '../../shared/api-error';
import type { IdTokenVerifier, VerifiedUser } from '../../shared/id-token.verifier';
import { err, ok } from '../../shared/result';
import { callerAuthorization, type Authenticator } from './authenticator';

export const invalidIdToken = () => apiError(401, 'authentication_error', 'invalid_id_token', 'Send a valid Firebase ID token as `Authorization: Bearer <id token>`.');

/** `auth: 'firebase_id_token'`: a signed-in user, by the Firebase ID token in `Authorization: Bearer <token>`. */
export const firebaseIdTokenAuthenticator = (tokens: IdTokenVerifier): Authenticator<VerifiedUser> => ({
  scheme: 'firebase_id_token',
  async authenticate(req) {
    const token = /^Bearer\s+(\S+)$/i.exec(callerAuthorization(req) ?? '')?.[1];
    const user = token ? await tokens.verify(token) : null;
    return user ? ok(user) : err(invalidIdToken());
  },
});
