import { AggregateField, FieldPath, Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../../platform/adapters/firestore-collections';
import { AccountName } from '../domain/journal';
import { LedgerReader } from '../application/ledger.reader';

export class FirestoreLedgerReader implements LedgerReader {
  constructor(private readonly db: Firestore) {}

  async currencies(merchantId: string, livemode: boolean): Promise<string[]> {
    const snap = await this.db.collection(COLLECTIONS.ledgerCurrencies).where('merchantId', '==', merchantId).where('livemode', '==', livemode).get();
    return snap.docs.map((doc) => String(doc.get('currency')));
  }

  // A server-side sum over the merchant's journals: the entries are never shipped to the function,
  // and journals without this currency or account have no such field and add nothing.
  async sumAccount(merchantId: string, livemode: boolean, account: AccountName, currency: string): Promise<number> {
    const snap = await this.db
      .collection(COLLECTIONS.ledgerJournals)
      .where('merchantId', '==', merchantId)
      .where('livemode', '==', livemode)
      .aggregate({ total: AggregateField.sum(new FieldPath('totals', currency, account)) })
      .get();
    return snap.data().total ?? 0;
  }
}
