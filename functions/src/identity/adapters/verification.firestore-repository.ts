import { Firestore } from 'firebase-admin/firestore';
import { Verification } from '../domain/verification';
import { IDENTITY_COLLECTIONS, VerificationRepository } from '../application/verification.repository';

const ALREADY_EXISTS = 6;

// Verifications are plain JSON (personal data already sealed), stored as they are.
export const verificationDocument = (v: Verification): object => JSON.parse(JSON.stringify(v)) as object;

export class FirestoreVerificationRepository implements VerificationRepository {
  constructor(private readonly db: Firestore) {}

  private ref(id: string) {
    return this.db.collection(IDENTITY_COLLECTIONS.verifications).doc(id);
  }

  async get(id: string): Promise<Verification | null> {
    const snap = await this.ref(id).get();
    return snap.exists ? (snap.data() as Verification) : null;
  }

  update(id: string, change: (v: Verification) => Verification): Promise<Verification | null> {
    return this.db.runTransaction(async (t) => {
      const snap = await t.get(this.ref(id));
      if (!snap.exists) return null;
      const updated = change(snap.data() as Verification);
      t.set(this.ref(id), verificationDocument(updated));
      return updated;
    });
  }

  async create(verification: Verification): Promise<void> {
    const batch = this.db.batch().create(this.ref(verification.id), verificationDocument(verification));
    if (verification.type === 'kyb') {
      batch.set(this.db.collection(IDENTITY_COLLECTIONS.merchantVerifications).doc(verification.ownerId), { verificationId: verification.id, updatedMs: verification.createdMs });
    }
    try {
      await batch.commit();
    } catch (error) {
      // Same id = same request (ids derive from idempotency keys): the first one stands.
      if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
    }
  }

  async currentForMerchant(merchantId: string): Promise<Verification | null> {
    const pointer = await this.db.collection(IDENTITY_COLLECTIONS.merchantVerifications).doc(merchantId).get();
    const id = pointer.get('verificationId') as string | undefined;
    return id ? this.get(id) : null;
  }

  applyEventOnce(eventId: string, verificationId: string, update: (v: Verification) => Verification, nowMs: number): Promise<'applied' | 'replayed' | 'not_found'> {
    return this.db.runTransaction(async (t) => {
      const eventRef = this.db.collection(IDENTITY_COLLECTIONS.vendorEvents).doc(eventId);
      const [seen, snap] = await Promise.all([t.get(eventRef), t.get(this.ref(verificationId))]);
      if (seen.exists) return 'replayed';
      if (!snap.exists) return 'not_found';
      t.set(this.ref(verificationId), verificationDocument(update(snap.data() as Verification)));
      t.create(eventRef, { verificationId, receivedMs: nowMs });
      return 'applied';
    });
  }
}
