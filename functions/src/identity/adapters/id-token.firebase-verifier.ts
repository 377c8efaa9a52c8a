import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { IdTokenVerifier, userFromClaims, VerifiedUser } from '../application/id-token.verifier';

// Production: signature, issuer, audience and expiry checked by firebase-admin; revoked sessions refused.
export class FirebaseIdTokenVerifier implements IdTokenVerifier {
  constructor(private readonly projectId: string) {}

  async verify(idToken: string): Promise<VerifiedUser | null> {
    const app = getApps()[0] ?? initializeApp({ projectId: this.projectId });
    try {
      const decoded = await getAuth(app).verifyIdToken(idToken, true);
      return userFromClaims(decoded, decoded.uid);
    } catch {
      return null;
    }
  }
}
