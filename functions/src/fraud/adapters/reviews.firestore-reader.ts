import { FieldPath, type Firestore } from 'firebase-admin/firestore';
import { PaymentDocument } from '../../payments/adapters/payment.document';
import type { Payment } from '../../payments/domain/payment';
import { COLLECTIONS } from '../../shared/firestore-collections';
import type { ReviewsReader } from '../application/reviews.reader';

// Both queries are served by composite indexes in firestore.indexes.json (payments: merchantId,
// livemode, status, createdMs desc; and status, updatedMs).
export class FirestoreReviewsReader implements ReviewsReader {
  constructor(private readonly db: Firestore) {}

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
