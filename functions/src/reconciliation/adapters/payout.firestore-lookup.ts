import type { Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { COLLECTIONS } from '../../shared/firestore-collections';
import type { PayoutLookup } from '../application/reconciliation.ports';
import type { KnownPayout } from '../domain/reconciliation-lines';

// Only what reconciliation needs of a payout document (written by settlement).
const PayoutForRecon = z.object({ merchantId: z.string(), livemode: z.boolean(), amount: z.number().int(), currency: z.string() });

/** Payouts by id in one getAll per batch; a payout of the other mode is not ours to match (absent). */
export class FirestorePayoutLookup implements PayoutLookup {
  constructor(private readonly db: Firestore) {}

  async byIds(livemode: boolean, ids: readonly string[]): Promise<ReadonlyMap<string, KnownPayout>> {
    const found = new Map<string, KnownPayout>();
    // A statement reference is outside text: only a well-formed id can name a document.
    const valid = ids.filter((id) => /^po_[0-9A-Za-z_]{1,100}$/.test(id));
    if (valid.length === 0) return found;
    const snaps = await this.db.getAll(...valid.map((id) => this.db.collection(COLLECTIONS.payouts).doc(id)));
    for (const snap of snaps) {
      if (!snap.exists) continue;
      const payout = PayoutForRecon.safeParse(snap.data());
      if (payout.success && payout.data.livemode === livemode) found.set(snap.id, { id: snap.id, merchantId: payout.data.merchantId, amount: payout.data.amount, currency: payout.data.currency });
    }
    return found;
  }
}
