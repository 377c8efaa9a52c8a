import { AggregateField, Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../../platform/adapters/firestore-collections';
import { AccountName } from '../domain/journal';
import { LedgerReader } from '../application/ledger.reader';

export class FirestoreLedgerReader implements LedgerReader {
  constructor(private readonly db: Firestore) {}

  async currencies(merchantId: string, livemode: boolean): Promise<string[]> {
    const snap = await this.db.collection(COLLECTIONS.ledgerCurrencies).where('merchantId', '==', merchantId).where('livemode', '==', livemode).get();
    return snap.docs.map((doc) => String(doc.get('currency')));
  }

  // A server-side sum: the entries are never shipped to the function.
  async sumAccount(merchantId: string, livemode: boolean, account: AccountName, currency: string): Promise<number> {
    const snap = await this.db
      .collection(COLLECTIONS.ledgerEntries)
      .where('merchantId', '==', merchantId)
      .where('livemode', '==', livemode)
      .where('account', '==', account)
      .where('currency', '==', currency)
      .aggregate({ total: AggregateField.sum('amount') })
      .get();
    return snap.data().total ?? 0;
  }
}
