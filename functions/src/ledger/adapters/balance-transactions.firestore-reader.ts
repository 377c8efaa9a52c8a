import { AggregateField, Firestore, Query } from 'firebase-admin/firestore';
import { z } from 'zod';
import { COLLECTIONS } from '../../shared/firestore-collections';
import { parseStoredDocument } from '../../platform/adapters/stored-document';
import { BalanceTransaction } from '../domain/balance-transaction';
import { BalanceTransactionDocument } from '../application/ledger-journal.record';
import { BalanceTransactionsQuery, BalanceTransactionsReader } from '../application/balance-transactions.reader';

const CurrencyRegistryDocument = z.object({ merchantId: z.string(), livemode: z.boolean(), currency: z.string().regex(/^[a-z]{3}$/) });
// Every net is an integer of minor units, so their sum is one too; anything else is corruption.
const NetSum = z.object({ total: z.number().int().nullable() });

/**
 * The balance transactions in Firestore. Balances are server-side sums (never a running total that
 * every capture would contend on), per currency of the merchant's registry (ledger_currencies).
 */
export class FirestoreBalanceTransactionsReader implements BalanceTransactionsReader {
  constructor(private readonly db: Firestore) {}

  private get collection() {
    return this.db.collection(COLLECTIONS.balanceTransactions);
  }

  private parse(id: string, data: unknown): BalanceTransaction {
    return parseStoredDocument(BalanceTransactionDocument, COLLECTIONS.balanceTransactions, id, data);
  }

  private ofMerchant(merchantId: string, livemode: boolean): Query {
    return this.collection.where('merchantId', '==', merchantId).where('livemode', '==', livemode);
  }

  async list(q: BalanceTransactionsQuery): Promise<{ data: BalanceTransaction[]; hasMore: boolean }> {
    let query = this.ofMerchant(q.merchantId, q.livemode);
    if (q.type) query = query.where('type', '==', q.type);
    if (q.payoutId) query = query.where('payoutId', '==', q.payoutId);
    if (q.createdGteMs !== undefined) query = query.where('createdMs', '>=', q.createdGteMs);
    query = query.orderBy('createdMs', 'desc').orderBy('id', 'desc');
    if (q.startingAfter) {
      const cursor = await this.get(q.merchantId, q.livemode, q.startingAfter);
      if (!cursor) return { data: [], hasMore: false };
      query = query.startAfter(cursor.createdMs, cursor.id);
    }
    const snap = await query.limit(q.limit + 1).get();
    const data = snap.docs.map((doc) => this.parse(doc.id, doc.data()));
    return { data: data.slice(0, q.limit), hasMore: data.length > q.limit };
  }

  async get(merchantId: string, livemode: boolean, id: string): Promise<BalanceTransaction | null> {
    const snap = await this.collection.doc(id).get();
    if (!snap.exists) return null;
    const txn = this.parse(snap.id, snap.data());
    // Another merchant's (or the other mode's) transaction does not exist for this caller.
    return txn.merchantId === merchantId && txn.livemode === livemode ? txn : null;
  }

  async unsettledAvailable(merchantId: string, livemode: boolean, cutoffMs: number, limit: number): Promise<BalanceTransaction[]> {
    const snap = await this.ofMerchant(merchantId, livemode).where('payoutId', '==', null).where('availableOnMs', '<=', cutoffMs).orderBy('availableOnMs').limit(limit).get();
    return snap.docs.map((doc) => this.parse(doc.id, doc.data()));
  }

  async sums(merchantId: string, livemode: boolean, nowMs: number): Promise<{ available: Record<string, number>; pending: Record<string, number> }> {
    const registry = await this.db.collection(COLLECTIONS.ledgerCurrencies).where('merchantId', '==', merchantId).where('livemode', '==', livemode).get();
    const currencies = registry.docs.map((doc) => parseStoredDocument(CurrencyRegistryDocument, COLLECTIONS.ledgerCurrencies, doc.id, doc.data()).currency);
    const available: Record<string, number> = {};
    const pending: Record<string, number> = {};
    await Promise.all(
      currencies.map(async (currency) => {
        const ofCurrency = this.ofMerchant(merchantId, livemode).where('currency', '==', currency);
        const [now, later] = await Promise.all([this.sumNet(ofCurrency.where('availableOnMs', '<=', nowMs), currency), this.sumNet(ofCurrency.where('availableOnMs', '>', nowMs), currency)]);
        available[currency] = now;
        pending[currency] = later;
      }),
    );
    return { available, pending };
  }

  private async sumNet(query: Query, currency: string): Promise<number> {
    const snap = await query.aggregate({ total: AggregateField.sum('net') }).get();
    return parseStoredDocument(NetSum, COLLECTIONS.balanceTransactions, `sum(net) in ${currency}`, snap.data()).total ?? 0;
  }
}
