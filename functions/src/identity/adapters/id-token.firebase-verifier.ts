import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { IdTokenVerifier, userFromClaims, VerifiedUser } from '../application/id-token.verifier';

// Production: signature, issuer, audience and expiry checked by firebase-admin; revoked sessions refused.
export class FirebaseIdTokenVerifier implements IdTokenVerifier {
  async verify(idToken: string): Promise<VerifiedUser | null> {
    const app = getApps()[0] ?? initializeApp({ projectId: process.env.GCLOUD_PROJECT });
    try {
      const decoded = await getAuth(app).verifyIdToken(idToken, true);
      return userFromClaims(decoded, decoded.uid);
    } catch {
      return null;
    }
  }
}
