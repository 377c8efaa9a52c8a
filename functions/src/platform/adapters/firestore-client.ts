import { App, getApps, initializeApp } from 'firebase-admin/app';
import { Firestore, getFirestore } from 'firebase-admin/firestore';

// One Firestore client per database and instance: it holds the gRPC channel, and cold starts pay for it once.
const clients = new Map<string, Firestore>();
const DEFAULT_DATABASE = '(default)';

/**
 * projectId: the configured project (the functions pass it); scripts may leave it to firebase-admin's own discovery.
 * databaseId: the operational database unless named (the audit log lives in a database of its own).
 */
export function firestore(projectId?: string, databaseId: string = DEFAULT_DATABASE): Firestore {
  let db = clients.get(databaseId);
  if (!db) {
    const app: App = getApps()[0] ?? initializeApp(projectId === undefined ? {} : { projectId });
    db = databaseId === DEFAULT_DATABASE ? getFirestore(app) : getFirestore(app, databaseId);
    db.settings({ ignoreUndefinedProperties: true });
    clients.set(databaseId, db);
  }
  return db;
}
