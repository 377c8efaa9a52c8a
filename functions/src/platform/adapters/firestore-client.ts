import { App, getApps, initializeApp } from 'firebase-admin/app';
import { Firestore, getFirestore } from 'firebase-admin/firestore';

// One Firestore client per instance: it holds the gRPC channel, and cold starts pay for it once.
let db: Firestore | undefined;

export function firestore(): Firestore {
  if (!db) {
    const app: App = getApps()[0] ?? initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? process.env.GOOGLE_CLOUD_PROJECT });
    db = getFirestore(app);
    db.settings({ ignoreUndefinedProperties: true });
  }
  return db;
}
