import { AggregateField, FieldPath, Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { COLLECTIONS } from '../../shared/firestore-collections';
import { parseStoredDocument } from '../../platform/adapters/stored-document';
import { AccountName } from '../domain/journal';
import { LedgerReader } from '../application/ledger.reader';

const CurrencyRegistryDocument = z.object({ merchantId: z.string(), livemode: z.boolean(), currency: z.string().regex(/^[a-z]{3}$/) });
// Every journal total is an integer of minor units, so their sum is one too; anything else is corruption.
const AccountSum = z.object({ total: z.number().int().nullable() });

export class FirestoreLedgerReader implements LedgerReader {
  constructor(private readonly db: Firestore) {}

  async currencies(merchantId: string, livemode: boolean): Promise<string[]> {
    const snap = await this.db.collection(COLLECTIONS.ledgerCurrencies).where('merchantId', '==', merchantId).where('livemode', '==', livemode).get();
    return snap.docs.map((doc) => parseStoredDocument(CurrencyRegistryDocument, COLLECTIONS.ledgerCurrencies, doc.id, doc.data()).currency);
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
    const sum = parseStoredDocument(AccountSum, COLLECTIONS.ledgerJournals, `sum(${currency}.${account}) of ${merchantId}`, snap.data());
    return sum.total ?? 0;
  }
}
