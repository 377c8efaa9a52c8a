import { getAuth, type Auth } from 'firebase-admin/auth';
import { getApps, initializeApp } from 'firebase-admin/app';
import { IdTokenVerifier, userFromClaims, VerifiedUser } from '../../shared/id-token.verifier';

/** The Admin SDK's Auth client of this process (against the Auth emulator when FIREBASE_AUTH_EMULATOR_HOST is set). */
export function firebaseAuth(projectId: string): Auth {
  return getAuth(getApps()[0] ?? initializeApp({ projectId }));
}

// Signature, issuer, audience and expiry checked by firebase-admin; revoked sessions refused. With
// FIREBASE_AUTH_EMULATOR_HOST set (local stack, tests) the Admin SDK checks tokens the Auth emulator
// issued, the same call as in production: there is no other verifier.
export class FirebaseIdTokenVerifier implements IdTokenVerifier {
  constructor(private readonly projectId: string) {}

  async verify(idToken: string): Promise<VerifiedUser | null> {
    try {
      const decoded = await firebaseAuth(this.projectId).verifyIdToken(idToken, true);
      return userFromClaims(decoded, decoded.uid);
    } catch {
      return null;
    }
  }
}
