import type { Auth } from 'firebase-admin/auth';
import type { UserAccounts } from '../application/team.store';

// Firebase Auth through the Admin SDK (the Auth emulator locally, via FIREBASE_AUTH_EMULATOR_HOST).
export class FirebaseUserAccounts implements UserAccounts {
  constructor(private readonly auth: () => Auth) {}

  async setClaims(uid: string, claims: Record<string, unknown> | null): Promise<void> {
    await this.auth().setCustomUserClaims(uid, claims);
  }

  async revokeSessions(uid: string): Promise<void> {
    await this.auth().revokeRefreshTokens(uid);
  }

  async claims(uid: string): Promise<Record<string, unknown> | null> {
    try {
      return (await this.auth().getUser(uid)).customClaims ?? {};
    } catch (error) {
      if ((error as { code?: string }).code === 'auth/user-not-found') return null;
      throw error;
    }
  }
}
