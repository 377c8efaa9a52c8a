import { FieldPath, Firestore } from 'firebase-admin/firestore';
import { Committed, OutboxEntry } from '../../platform/application/outbox-relay';
import { COLLECTIONS } from '../../shared/firestore-collections';
import { Payment } from '../domain/payment';
import { Refund } from '../domain/refund';
import { DisputePage, PaymentPage, PaymentRepository, PaymentsTransaction } from '../application/payment.repository';
import { Dispute } from '../domain/dispute';
import { DisputeDocument } from './dispute.document';
import { StuckWorkFinder } from '../application/stuck-work.finder';
import { HeldPaymentsReader } from '../application/held-payments.reader';
import { PaymentDocument, RefundDocument } from './payment.document';
import { FirestorePaymentsTransaction } from './payments-transaction.firestore';
import type { RecentAttemptsReader } from '../application/processor-health.query';
import type { ProcessorAttempt } from '../domain/payment';

export type CommitListener = (committed: Committed) => Promise<void>;

// Also the held-payments query of the fraud reviews. Both review queries are served by composite
// indexes in firestore.indexes.json (merchantId, livemode, status, createdMs desc; and status, updatedMs).
export class FirestorePaymentRepository implements PaymentRepository, StuckWorkFinder, HeldPaymentsReader, RecentAttemptsReader {
  constructor(
    private readonly db: Firestore,
    // The outbox relay's fast path: committed events are published at once; the sweep catches
    // whatever this misses if the process dies first.
    private readonly onCommitted: CommitListener = async () => undefined,
    /** The event types something consumes (from the catalogue's subscriptions); unset, every type. */
    private readonly published?: ReadonlySet<string>,
  ) {}

  async transaction<T>(work: (tx: PaymentsTransaction) => Promise<T>): Promise<T> {
    let staged: FirestorePaymentsTransaction | undefined;
    let outbox: OutboxEntry | null = null;
    // Only the last run's staging counts: Firestore may run the body again after contention.
    const result = await this.db.runTransaction(async (t) => {
      staged = new FirestorePaymentsTransaction(this.db, t, this.published);
      const value = await work(staged);
      outbox = staged.applyWrites();
      return value;
    });
    if (staged) {
      staged.rememberCommitted();
      if (outbox || staged.tasks.length > 0) await this.onCommitted({ outbox, tasks: staged.tasks });
    }
    return result;
  }

  async getPayment(id: string): Promise<Payment | null> {
    const snap = await this.db.collection(COLLECTIONS.payments).doc(id).get();
    return snap.exists ? PaymentDocument.parse(snap.data()) : null;
  }

  async getRefund(id: string): Promise<Refund | null> {
    const snap = await this.db.collection(COLLECTIONS.refunds).doc(id).get();
    return snap.exists ? RefundDocument.parse(snap.data()) : null;
  }

  // Served by the (status, updatedMs) and (status, holdReleased, updatedMs) composite indexes in firestore.indexes.json.
  async stuckPayments(updatedAtOrBeforeMs: number, limit: number): Promise<readonly Payment[]> {
    const snap = await this.db.collection(COLLECTIONS.payments).where('status', '==', 'processing').where('updatedMs', '<=', updatedAtOrBeforeMs).orderBy('updatedMs').limit(limit).get();
    return snap.docs.map((doc) => PaymentDocument.parse(doc.data()));
  }

  async unreleasedHolds(updatedAtOrBeforeMs: number, limit: number): Promise<readonly Payment[]> {
    const snap = await this.db
      .collection(COLLECTIONS.payments)
      .where('status', '==', 'canceled')
      .where('holdReleased', '==', false)
      .where('updatedMs', '<=', updatedAtOrBeforeMs)
      .orderBy('updatedMs')
      .limit(limit)
      .get();
    return snap.docs.map((doc) => PaymentDocument.parse(doc.data()));
  }

  async recentAttempts(sinceMs: number, limit: number): Promise<ReadonlyArray<ProcessorAttempt & { readonly livemode: boolean }>> {
    const snap = await this.db.collection(COLLECTIONS.payments).where('updatedMs', '>=', sinceMs).orderBy('updatedMs', 'desc').limit(limit).get();
    return snap.docs.flatMap((doc) => PaymentDocument.parse(doc.data())).flatMap((p) => p.attempts.map((a) => ({ ...a, livemode: p.livemode })));
  }

  async stuckRefunds(updatedAtOrBeforeMs: number, limit: number): Promise<readonly Refund[]> {
    const snap = await this.db.collection(COLLECTIONS.refunds).where('status', '==', 'pending').where('updatedMs', '<=', updatedAtOrBeforeMs).orderBy('updatedMs').limit(limit).get();
    return snap.docs.map((doc) => RefundDocument.parse(doc.data()));
  }

  async listPayments(merchantId: string, livemode: boolean, page: { limit: number; startingAfter?: string }): Promise<PaymentPage> {
    let query = this.db
      .collection(COLLECTIONS.payments)
      .where('merchantId', '==', merchantId)
      .where('livemode', '==', livemode)
      .orderBy('createdMs', 'desc')
      .orderBy(FieldPath.documentId(), 'desc');
    if (page.startingAfter) {
      const cursor = await this.getPayment(page.startingAfter);
      if (!cursor || cursor.merchantId !== merchantId) return { payments: [], hasMore: false };
      query = query.startAfter(cursor.createdMs, cursor.id);
    }
    const snap = await query.limit(page.limit + 1).get();
    const payments = snap.docs.slice(0, page.limit).map((doc) => PaymentDocument.parse(doc.data()));
    return { payments, hasMore: snap.docs.length > page.limit };
  }

  async getDispute(id: string): Promise<Dispute | null> {
    const snap = await this.db.collection(COLLECTIONS.disputes).doc(id).get();
    return snap.exists ? DisputeDocument.parse(snap.data()) : null;
  }

  // Indexes: disputes (merchantId, livemode, createdMs desc, __name__ desc) and with paymentId before createdMs.
  async listDisputes(merchantId: string, livemode: boolean, page: { limit: number; startingAfter?: string; paymentId?: string }): Promise<DisputePage> {
    let query = this.db.collection(COLLECTIONS.disputes).where('merchantId', '==', merchantId).where('livemode', '==', livemode);
    if (page.paymentId) query = query.where('paymentId', '==', page.paymentId);
    query = query.orderBy('createdMs', 'desc').orderBy(FieldPath.documentId(), 'desc');
    if (page.startingAfter) {
      const cursor = await this.getDispute(page.startingAfter);
      if (!cursor || cursor.merchantId !== merchantId || cursor.livemode !== livemode) return { disputes: [], hasMore: false };
      query = query.startAfter(cursor.createdMs, cursor.id);
    }
    const snap = await query.limit(page.limit + 1).get();
    return { disputes: snap.docs.slice(0, page.limit).map((doc) => DisputeDocument.parse(doc.data())), hasMore: snap.docs.length > page.limit };
  }

  async openReviews(merchantId: string, livemode: boolean, limit: number): Promise<{ payments: Payment[]; hasMore: boolean }> {
    const snap = await this.db
      .collection(COLLECTIONS.payments)
      .where('merchantId', '==', merchantId)
      .where('livemode', '==', livemode)
      .where('status', '==', 'requires_review')
      .orderBy('createdMs', 'desc')
      .orderBy(FieldPath.documentId(), 'desc')
      .limit(limit + 1)
      .get();
    return { payments: snap.docs.slice(0, limit).map((doc) => PaymentDocument.parse(doc.data())), hasMore: snap.docs.length > limit };
  }

  async staleReviews(heldBeforeMs: number, limit: number): Promise<Payment[]> {
    const snap = await this.db
      .collection(COLLECTIONS.payments)
      .where('status', '==', 'requires_review')
      .where('updatedMs', '<', heldBeforeMs)
      .orderBy('updatedMs', 'asc')
      .limit(limit)
      .get();
    return snap.docs.map((doc) => PaymentDocument.parse(doc.data()));
  }
}
