import { AccountName, Journal } from '../domain/journal';
import { LedgerReader } from '../application/ledger.reader';

/** Sums the journals a memory payment repository committed, with the Firestore reader's filters. */
export class InMemoryLedgerReader implements LedgerReader {
  constructor(private readonly journals: () => readonly Journal[]) {}

  async currencies(merchantId: string, livemode: boolean): Promise<string[]> {
    const found = new Set<string>();
    for (const journal of this.journals()) {
      if (journal.merchantId !== merchantId || journal.livemode !== livemode) continue;
      for (const entry of journal.entries) found.add(entry.currency);
    }
    return [...found];
  }

  async sumAccount(merchantId: string, livemode: boolean, account: AccountName, currency: string): Promise<number> {
    let total = 0;
    for (const journal of this.journals()) {
      if (journal.livemode !== livemode) continue;
      for (const entry of journal.entries) {
        if (entry.merchantId === merchantId && entry.account === account && entry.currency === currency) total += entry.amount;
      }
    }
    return total;
  }
}
