import type { Firestore } from 'firebase-admin/firestore';
import { FirestoreBalanceTransactionsReader } from './adapters/balance-transactions.firestore-reader';
import type { BalanceTransactionsReader } from './application/balance-transactions.reader';

/** The ledger context: balances and balance transactions, read from what the journals wrote. */
export interface LedgerModule {
  readonly balanceTransactions: BalanceTransactionsReader;
}

export const ledgerModule = (db: Firestore): LedgerModule => ({ balanceTransactions: new FirestoreBalanceTransactionsReader(db) });
