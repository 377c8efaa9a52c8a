import { BalanceTransaction } from '../domain/balance-transaction';
import { Journal } from '../domain/journal';
import { BalanceTransactionsQuery, BalanceTransactionsReader } from '../application/balance-transactions.reader';

/** The balance transactions of the journals a memory repository committed, with the Firestore reader's filters and order. */
export class InMemoryBalanceTransactionsReader implements BalanceTransactionsReader {
  constructor(private readonly journals: () => readonly Journal[]) {}

  private all(merchantId: string, livemode: boolean): BalanceTransaction[] {
    const byId = new Map<string, BalanceTransaction>();
    for (const journal of this.journals()) for (const txn of journal.balanceTransactions) byId.set(txn.id, txn);
    return [...byId.values()].filter((txn) => txn.merchantId === merchantId && txn.livemode === livemode);
  }

  async list(q: BalanceTransactionsQuery): Promise<{ data: BalanceTransaction[]; hasMore: boolean }> {
    const sorted = this.all(q.merchantId, q.livemode)
      .filter((t) => (!q.type || t.type === q.type) && (!q.payoutId || t.payoutId === q.payoutId) && (q.createdGteMs === undefined || t.createdMs >= q.createdGteMs))
      .sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? 1 : -1));
    const start = q.startingAfter ? sorted.findIndex((t) => t.id === q.startingAfter) + 1 : 0;
    if (q.startingAfter && start === 0) return { data: [], hasMore: false };
    const page = sorted.slice(start, start + q.limit + 1);
    return { data: page.slice(0, q.limit), hasMore: page.length > q.limit };
  }

  async get(merchantId: string, livemode: boolean, id: string): Promise<BalanceTransaction | null> {
    return this.all(merchantId, livemode).find((t) => t.id === id) ?? null;
  }

  async unsettledAvailable(merchantId: string, livemode: boolean, cutoffMs: number, limit: number): Promise<BalanceTransaction[]> {
    return this.all(merchantId, livemode)
      .filter((t) => t.payoutId === null && t.availableOnMs <= cutoffMs)
      .sort((a, b) => a.availableOnMs - b.availableOnMs)
      .slice(0, limit);
  }

  async sums(merchantId: string, livemode: boolean, nowMs: number): Promise<{ available: Record<string, number>; pending: Record<string, number> }> {
    const available: Record<string, number> = {};
    const pending: Record<string, number> = {};
    for (const t of this.all(merchantId, livemode)) {
      const bucket = t.availableOnMs <= nowMs ? available : pending;
      bucket[t.currency] = (bucket[t.currency] ?? 0) + t.net;
    }
    for (const currency of Object.keys({ ...available, ...pending })) {
      available[currency] ??= 0;
      pending[currency] ??= 0;
    }
    return { available, pending };
  }
}
