import { App, getApps, initializeApp } from 'firebase-admin/app';
import { Firestore, getFirestore } from 'firebase-admin/firestore';

// One Firestore client per instance: it holds the gRPC channel, and cold starts pay for it once.
let db: Firestore | undefined;

/** projectId: the configured project (the functions pass it); scripts may leave it to firebase-admin's own discovery. */
export function firestore(projectId?: string): Firestore {
  if (!db) {
    const app: App = getApps()[0] ?? initializeApp(projectId === undefined ? {} : { projectId });
    db = getFirestore(app);
    db.settings({ ignoreUndefinedProperties: true });
  }
  return db;
}
