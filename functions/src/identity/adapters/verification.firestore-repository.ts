import { outboxDocument, outboxEntryId } from '../../platform/adapters/outbox.document';
import { COLLECTIONS } from '../../shared/firestore-collections';
import { verificationEvents } from '../application/verification-events';
import { Firestore, Transaction } from 'firebase-admin/firestore';
import { COMPLIANCE_COLLECTIONS } from '../../compliance/application/compliance.store';
import { storedDocumentOf } from '../../platform/adapters/stored-document';
import { Verification } from '../domain/verification';
import { DecisionRecorder } from '../application/verification-decision.records';
import { merchantVerificationPointerId, IDENTITY_COLLECTIONS, VerificationRepository } from '../application/verification.repository';
import { MerchantVerificationPointerDocument, VerificationDocument } from './verification.document';

const ALREADY_EXISTS = 6;

// Verifications are plain JSON (personal data already sealed), stored as they are; Firestore
// refuses undefined fields, which the JSON round trip drops.
const plain = (data: object): object => JSON.parse(JSON.stringify(data)) as object;
export const verificationDocument = (v: Verification): object => plain(v);
/** `app_kyc_status/{id}`: all an end user's app may read of their KYC check (the rules: their own uid only). */
const appKycStatus = (v: Verification): object => ({ uid: v.ownerId, status: v.status, createdMs: v.createdMs, updatedMs: v.updatedMs });

export class FirestoreVerificationRepository implements VerificationRepository {
  constructor(private readonly db: Firestore) {}

  private ref(id: string) {
    return this.db.collection(IDENTITY_COLLECTIONS.verifications).doc(id);
  }

  async get(id: string): Promise<Verification | null> {
    return storedDocumentOf(VerificationDocument, await this.ref(id).get());
  }

  update(id: string, change: (v: Verification) => Verification, records?: DecisionRecorder): Promise<Verification | null> {
    return this.db.runTransaction(async (t) => {
      const before = storedDocumentOf(VerificationDocument, await t.get(this.ref(id)));
      if (!before) return null;
      const updated = change(before);
      t.set(this.ref(id), verificationDocument(updated));
      this.writeAppStatus(t, updated);
      this.writeRecords(t, before, updated, records);
      return updated;
    });
  }

  private writeAppStatus(t: Transaction, v: Verification): void {
    if (v.type === 'kyc') t.set(this.db.collection(COLLECTIONS.appKycStatus).doc(v.id), appKycStatus(v));
  }

  // create, not set: audit entries are append-only and a case, keyed by the verification, opens once.
  private writeRecords(t: Transaction, before: Verification, after: Verification, records?: DecisionRecorder): void {
    // The status change's event, in the same commit (the outbox; the relay's sweep publishes it).
    const events = verificationEvents(before, after);
    if (events.length > 0) t.set(this.db.collection(COLLECTIONS.outbox).doc(outboxEntryId(events)), outboxDocument(events));
    if (!records) return;
    const { audit, cases } = records(before, after);
    for (const c of cases) t.create(this.db.collection(COMPLIANCE_COLLECTIONS.cases).doc(c.id), plain(c));
    for (const entry of audit) t.create(this.db.collection(COMPLIANCE_COLLECTIONS.auditOutbox).doc(entry.id), plain(entry));
  }

  async create(verification: Verification): Promise<void> {
    const batch = this.db.batch().create(this.ref(verification.id), verificationDocument(verification));
    if (verification.type === 'kyc') batch.create(this.db.collection(COLLECTIONS.appKycStatus).doc(verification.id), appKycStatus(verification));
    try {
      await batch.commit();
    } catch (error) {
      // Same id = same request (ids derive from idempotency keys): the first one stands.
      if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
    }
  }

  async currentForMerchant(merchantId: string, livemode: boolean): Promise<Verification | null> {
    const pointerRef = this.db.collection(IDENTITY_COLLECTIONS.merchantVerifications).doc(merchantVerificationPointerId(merchantId, livemode));
    const pointer = storedDocumentOf(MerchantVerificationPointerDocument, await pointerRef.get());
    return pointer ? this.get(pointer.verificationId) : null;
  }

  applyEventOnce(eventId: string, verificationId: string, update: (v: Verification) => Verification, nowMs: number, records?: DecisionRecorder): Promise<'applied' | 'replayed' | 'not_found'> {
    return this.db.runTransaction(async (t) => {
      const eventRef = this.db.collection(IDENTITY_COLLECTIONS.vendorEvents).doc(eventId);
      const [seen, snap] = await Promise.all([t.get(eventRef), t.get(this.ref(verificationId))]);
      if (seen.exists) return 'replayed';
      const before = storedDocumentOf(VerificationDocument, snap);
      if (!before) return 'not_found';
      const after = update(before);
      t.set(this.ref(verificationId), verificationDocument(after));
      this.writeAppStatus(t, after);
      this.writeRecords(t, before, after, records);
      t.create(eventRef, { verificationId, receivedMs: nowMs });
      return 'applied';
    });
  }
}
