import { FieldPath, Firestore } from 'firebase-admin/firestore';
import { Committed, OutboxEntry } from '../../platform/application/outbox-relay';
import { COLLECTIONS } from '../../shared/firestore-collections';
import type { Payout, PayoutStatus } from '../domain/payout';
import type { PayoutSettings } from '../domain/payout-settings';
import { merchantModeId } from '../domain/settlement-date';
import { BalanceTransactionDocument } from '../../ledger/application/ledger-journal.record';
import type { BalanceTransaction } from '../../ledger/domain/balance-transaction';
import { parseStoredDocument } from '../../platform/adapters/stored-document';
import type { PayoutPage, SettlementRecord, SettlementStore, SettlementTransaction, UnsettledCursor, UnsettledPage } from '../application/settlement.repository';
import { payoutFromDocument, payoutSettingsFromDocument, settlementFromDocument } from './settlement.documents';
import { FirestoreSettlementTransaction } from './settlement-transaction.firestore';

export type CommitListener = (committed: Committed) => Promise<void>;

// Queries are served by composite indexes in firestore.indexes.json: payouts (merchantId, livemode,
// createdMs desc, __name__ desc) and (merchantId, livemode, status, createdMs desc, __name__ desc);
// balance_transactions (payoutId, livemode, merchantId, id) for the daily run's scan.
export class FirestoreSettlementStore implements SettlementStore {
  constructor(
    private readonly db: Firestore,
    /** The relay's fast path: committed events published and tasks handed off at once. */
    private readonly onCommitted: CommitListener = async () => undefined,
    private readonly published?: ReadonlySet<string>,
  ) {}

  async transaction<T>(work: (tx: SettlementTransaction) => Promise<T>): Promise<T> {
    let staged: FirestoreSettlementTransaction | undefined;
    let outbox: OutboxEntry | null = null;
    // Only the last run's staging counts: Firestore may run the body again after contention.
    const result = await this.db.runTransaction(async (t) => {
      staged = new FirestoreSettlementTransaction(this.db, t, this.published);
      const value = await work(staged);
      outbox = staged.applyWrites();
      return value;
    });
    if (staged && (outbox || staged.tasks.length > 0)) await this.onCommitted({ outbox, tasks: staged.tasks });
    return result;
  }

  async getPayout(id: string): Promise<Payout | null> {
    const snap = await this.db.collection(COLLECTIONS.payouts).doc(id).get();
    return snap.exists ? payoutFromDocument(id, snap.data()) : null;
  }

  async listPayouts(merchantId: string, livemode: boolean, page: { status?: PayoutStatus; limit: number; startingAfter?: string }): Promise<PayoutPage> {
    let query = this.db.collection(COLLECTIONS.payouts).where('merchantId', '==', merchantId).where('livemode', '==', livemode);
    if (page.status) query = query.where('status', '==', page.status);
    query = query.orderBy('createdMs', 'desc').orderBy(FieldPath.documentId(), 'desc');
    if (page.startingAfter) {
      const cursor = await this.getPayout(page.startingAfter);
      if (!cursor || cursor.merchantId !== merchantId || cursor.livemode !== livemode) return { payouts: [], hasMore: false };
      query = query.startAfter(cursor.createdMs, cursor.id);
    }
    const snap = await query.limit(page.limit + 1).get();
    return { payouts: snap.docs.slice(0, page.limit).map((doc) => payoutFromDocument(doc.id, doc.data())), hasMore: snap.docs.length > page.limit };
  }

  async getPayoutSettings(merchantId: string, livemode: boolean): Promise<PayoutSettings | null> {
    const id = merchantModeId(merchantId, livemode);
    const snap = await this.db.collection(COLLECTIONS.payoutSettings).doc(id).get();
    return snap.exists ? payoutSettingsFromDocument(id, snap.data()) : null;
  }

  async getSettlement(id: string): Promise<SettlementRecord | null> {
    const snap = await this.db.collection(COLLECTIONS.settlements).doc(id).get();
    return snap.exists ? settlementFromDocument(id, snap.data()) : null;
  }

  async payoutSettingsOf(merchantIds: readonly string[], livemode: boolean): Promise<Array<PayoutSettings | null>> {
    if (merchantIds.length === 0) return [];
    const snaps = await this.db.getAll(...merchantIds.map((merchantId) => this.db.collection(COLLECTIONS.payoutSettings).doc(merchantModeId(merchantId, livemode))));
    return snaps.map((snap) => (snap.exists ? payoutSettingsFromDocument(snap.id, snap.data()) : null));
  }

  // Served by the composite index balance_transactions (payoutId, livemode, merchantId, id).
  async unsettledTransactions(livemode: boolean, page: { limit: number; startAfter?: UnsettledCursor }): Promise<UnsettledPage> {
    let query = this.db.collection(COLLECTIONS.balanceTransactions).where('payoutId', '==', null).where('livemode', '==', livemode).orderBy('merchantId').orderBy('id');
    if (page.startAfter) query = query.startAfter(page.startAfter.merchantId, page.startAfter.id);
    const snap = await query.limit(page.limit).get();
    const transactions = snap.docs.map((doc) => parseStoredDocument(BalanceTransactionDocument, COLLECTIONS.balanceTransactions, doc.id, doc.data()) as BalanceTransaction);
    const last = transactions[transactions.length - 1];
    return { transactions, next: snap.docs.length === page.limit && last ? { merchantId: last.merchantId, id: last.id } : null };
  }
}
