import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import { connectAuthEmulator, createUserWithEmailAndPassword, getAuth, signInWithEmailAndPassword, type User } from 'firebase/auth';
import { getApps as adminApps, initializeApp as adminInitializeApp } from 'firebase-admin/app';
import { getAuth as adminAuth } from 'firebase-admin/auth';

/** A user signed in to the Auth emulator through the Firebase JS SDK, as a mobile app or the dashboard would be. */
export interface AppUser {
  readonly uid: string;
  readonly email: string;
  readonly app: FirebaseApp;
  readonly user: User;
  /** A fresh ID token (`refresh` forces a new one, e.g. to pick up changed custom claims). */
  idToken(refresh?: boolean): Promise<string>;
  /** The custom claims of a freshly minted token. */
  claims(): Promise<Record<string, unknown>>;
  /** Test helper: sets custom claims with the Admin SDK, as a backend would (then mint a fresh token). */
  setClaims(claims: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * Signs a new user up in the Firebase Auth emulator with the JS SDK (`createUserWithEmailAndPassword`),
 * and by default marks the e-mail verified the way the emulator's out-of-band flow would (the Admin SDK's
 * `updateUser`), then signs in again so the token carries `email_verified: true`.
 */
export async function signUpAppUser(authHostPort: string, projectId: string, options: { email?: string; emailVerified?: boolean } = {}): Promise<AppUser> {
  const email = options.email ?? `user-${Date.now().toString(36)}-${++counter}@example.test`;
  const password = `pw-${Math.random().toString(36).slice(2)}-A1`;
  const app = initializeApp({ apiKey: 'demo-api-key', projectId, authDomain: `${projectId}.firebaseapp.com` }, `app-user-${Date.now()}-${counter}`);
  const auth = getAuth(app);
  connectAuthEmulator(auth, `http://${authHostPort}`, { disableWarnings: true });
  const created = await createUserWithEmailAndPassword(auth, email, password);
  process.env.FIREBASE_AUTH_EMULATOR_HOST ??= authHostPort;
  const admin = adminAuth(adminApps()[0] ?? adminInitializeApp({ projectId }));
  if (options.emailVerified ?? true) {
    await admin.updateUser(created.user.uid, { emailVerified: true });
    await auth.signOut();
    await signInWithEmailAndPassword(auth, email, password);
  }
  const user = auth.currentUser!;
  return {
    uid: user.uid,
    email,
    app,
    user,
    idToken: (refresh = false) => user.getIdToken(refresh),
    claims: async () => (await user.getIdTokenResult(true)).claims as Record<string, unknown>,
    setClaims: (claims) => admin.setCustomUserClaims(user.uid, claims),
    close: () => deleteApp(app),
  };
}
