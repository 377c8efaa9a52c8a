import type { Firestore } from 'firebase-admin/firestore';
import { FirestoreLedgerReader } from './adapters/ledger.firestore-reader';
import { LedgerReader } from './application/ledger.reader';

/** The ledger context: balances summed from the immutable journals the payments commands write. */
export interface LedgerModule {
  readonly ledger: LedgerReader;
}

export const ledgerModule = (db: Firestore): LedgerModule => ({ ledger: new FirestoreLedgerReader(db) });
