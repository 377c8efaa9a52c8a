import type { Payment } from '../../payments/domain/payment';
import type { ReviewsReader } from '../application/reviews.reader';

export class InMemoryReviewsReader implements ReviewsReader {
  constructor(private readonly allPayments: () => Payment[]) {}

  async openReviews(merchantId: string, livemode: boolean, limit: number): Promise<{ payments: Payment[]; hasMore: boolean }> {
    const open = this.allPayments()
      .filter((p) => p.status === 'requires_review' && p.merchantId === merchantId && p.livemode === livemode)
      .sort((a, b) => b.createdMs - a.createdMs || b.id.localeCompare(a.id));
    return { payments: open.slice(0, limit), hasMore: open.length > limit };
  }

  async staleReviews(heldBeforeMs: number, limit: number): Promise<Payment[]> {
    return this.allPayments()
      .filter((p) => p.status === 'requires_review' && p.updatedMs < heldBeforeMs)
      .sort((a, b) => a.updatedMs - b.updatedMs)
      .slice(0, limit);
  }
}
