import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import type { BalanceTransactionsReader } from '../../ledger/application/balance-transactions.reader';
import type { BalanceTransaction, BalanceTransactionType } from '../../ledger/domain/balance-transaction';
import type { Journal } from '../../ledger/domain/journal';
import { idempotencyDocId } from '../../platform/adapters/idempotency.document';
import { InMemoryOutboxStore } from '../../platform/adapters/outbox.memory-store';
import { IdempotencyRecord } from '../../platform/application/idempotency';
import { Committed, OutboxEntry, publishedOnly } from '../../platform/application/outbox-relay';
import { TaskIntent } from '../../platform/application/task-queue';
import type { Payout, PayoutStatus } from '../domain/payout';
import type { PayoutSettings } from '../domain/payout-settings';
import { merchantModeId } from '../domain/settlement-date';
import type { BalanceSummary, BankEventRecord, PayoutPage, SettlementRecord, SettlementStore, SettlementTransaction, UnsettledCursor, UnsettledPage } from '../application/settlement.repository';

// Values are cloned on the way in and out, as a document store would.
const copy = <T>(value: T): T => structuredClone(value);

class AlreadyExistsError extends Error {
  readonly code = 6; // ALREADY_EXISTS, as Firestore's create answers
}

class StagedSettlementTransaction implements SettlementTransaction {
  readonly payouts = new Map<string, Payout>();
  readonly settings = new Map<string, PayoutSettings>();
  readonly settlements = new Map<string, SettlementRecord>();
  readonly bankEvents = new Map<string, BankEventRecord>();
  readonly summaries = new Map<string, BalanceSummary>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  readonly marks: Array<{ ids: readonly string[]; payoutId: string }> = [];
  readonly journals: Journal[] = [];
  readonly events: PaymentEventV1[] = [];
  readonly tasks: TaskIntent[] = [];

  constructor(private readonly store: InMemorySettlementStore) {}

  // Reads see committed state only, as in Firestore, where a transaction never reads its own writes.
  getPayout(id: string) {
    return this.store.getPayout(id);
  }
  getPayoutSettings(merchantId: string, livemode: boolean) {
    return this.store.getPayoutSettings(merchantId, livemode);
  }
  getSettlement(id: string) {
    return this.store.getSettlement(id);
  }
  async getBalanceTransactions(ids: readonly string[]) {
    return ids.map((id) => this.store.balanceTransaction(id));
  }
  async bankEventExists(id: string) {
    return this.store.bankEvent(id) !== null;
  }
  async getIdempotencyRecord(merchantId: string, keyHash: string) {
    return this.store.idempotencyRecord(merchantId, keyHash);
  }
  saveIdempotencyRecord(record: IdempotencyRecord) {
    this.idempotency.set(idempotencyDocId(record.merchantId, record.keyHash), copy(record));
  }
  savePayout(payout: Payout) {
    this.payouts.set(payout.id, copy(payout));
  }
  savePayoutSettings(settings: PayoutSettings) {
    this.settings.set(merchantModeId(settings.merchantId, settings.livemode), copy(settings));
  }
  createSettlement(record: SettlementRecord) {
    if (this.settlements.has(record.id)) throw new AlreadyExistsError(`settlements/${record.id} exists`);
    this.settlements.set(record.id, copy(record));
  }
  createBankEvent(record: BankEventRecord) {
    if (this.bankEvents.has(record.id)) throw new AlreadyExistsError(`bank_events/${record.id} exists`);
    this.bankEvents.set(record.id, copy(record));
  }
  saveBalanceSummary(summary: BalanceSummary) {
    this.summaries.set(merchantModeId(summary.merchantId, summary.livemode), copy(summary));
  }
  markSettled(ids: readonly string[], payoutId: string) {
    this.marks.push({ ids: [...ids], payoutId });
  }
  appendJournal(journal: Journal) {
    this.journals.push(copy(journal));
  }
  appendEvents(events: readonly PaymentEventV1[]) {
    this.events.push(...publishedOnly(events, this.store.published).map(copy));
  }
  handOff(task: TaskIntent) {
    this.tasks.push(copy(task));
  }
}

/**
 * The settlement store in memory, with the ledger's journals and balance transactions it writes (and
 * a BalanceTransactionsReader over them, for tests). Transactions run one at a time; every body runs
 * twice (as a Firestore retry would), the first run's staging thrown away, and the second run's
 * writes are applied together after it returns, or not at all if it or the commit throws.
 */
export class InMemorySettlementStore implements SettlementStore, BalanceTransactionsReader {
  readonly outbox: InMemoryOutboxStore;
  readonly published?: ReadonlySet<string>;
  private readonly payouts = new Map<string, Payout>();
  private readonly settings = new Map<string, PayoutSettings>();
  private readonly settlements = new Map<string, SettlementRecord>();
  private readonly bankEvents = new Map<string, BankEventRecord>();
  private readonly summaries = new Map<string, BalanceSummary>();
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  private readonly journalsById = new Map<string, Journal>();
  private readonly txns = new Map<string, BalanceTransaction>();
  private tail: Promise<void> = Promise.resolve();
  private commitFailure: Error | null = null;
  /** How many reads by id and query results this store served (the bench's and tests' cost check). */
  readonly reads = { transactions: 0, byId: 0 };

  constructor(private onCommitted: (committed: Committed) => Promise<void> = async () => undefined, options: { published?: ReadonlySet<string>; outbox?: InMemoryOutboxStore } = {}) {
    this.outbox = options.outbox ?? new InMemoryOutboxStore();
    this.published = options.published;
  }

  setOnCommitted(listener: (committed: Committed) => Promise<void>): void {
    this.onCommitted = listener;
  }

  /** The next commit fails with this error after the body ran: nothing is written. */
  failNextCommit(error: Error = new Error('transaction aborted')): void {
    this.commitFailure = error;
  }

  async transaction<T>(work: (tx: SettlementTransaction) => Promise<T>): Promise<T> {
    const release = await this.acquire();
    let staged: StagedSettlementTransaction;
    let result: T;
    let outbox: OutboxEntry | null;
    try {
      await work(new StagedSettlementTransaction(this));
      staged = new StagedSettlementTransaction(this);
      result = await work(staged);
      if (this.commitFailure) {
        const failure = this.commitFailure;
        this.commitFailure = null;
        throw failure;
      }
      outbox = this.apply(staged);
    } finally {
      release();
    }
    if (outbox || staged.tasks.length > 0) await this.onCommitted({ outbox, tasks: staged.tasks.map(copy) });
    return result;
  }

  // --- SettlementStore
  async getPayout(id: string) {
    const payout = this.payouts.get(id);
    return payout ? copy(payout) : null;
  }
  async listPayouts(merchantId: string, livemode: boolean, page: { status?: PayoutStatus; limit: number; startingAfter?: string }): Promise<PayoutPage> {
    const newestFirst = [...this.payouts.values()]
      .filter((p) => p.merchantId === merchantId && p.livemode === livemode && (!page.status || p.status === page.status))
      .sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    let start = 0;
    if (page.startingAfter) {
      const index = newestFirst.findIndex((p) => p.id === page.startingAfter);
      if (index < 0) return { payouts: [], hasMore: false };
      start = index + 1;
    }
    const slice = newestFirst.slice(start, start + page.limit + 1);
    return { payouts: slice.slice(0, page.limit).map(copy), hasMore: slice.length > page.limit };
  }
  async getPayoutSettings(merchantId: string, livemode: boolean) {
    const settings = this.settings.get(merchantModeId(merchantId, livemode));
    return settings ? copy(settings) : null;
  }
  async getSettlement(id: string) {
    const record = this.settlements.get(id);
    return record ? copy(record) : null;
  }
  async payoutSettingsOf(merchantIds: readonly string[], livemode: boolean): Promise<Array<PayoutSettings | null>> {
    return Promise.all(merchantIds.map((merchantId) => this.getPayoutSettings(merchantId, livemode)));
  }
  async unsettledTransactions(livemode: boolean, page: { limit: number; startAfter?: UnsettledCursor }): Promise<UnsettledPage> {
    const key = (t: { merchantId: string; id: string }) => `${t.merchantId}\u0000${t.id}`;
    const after = page.startAfter ? key(page.startAfter) : null;
    const transactions = [...this.txns.values()]
      .filter((t) => t.payoutId === null && t.livemode === livemode && (after === null || key(t) > after))
      .sort((a, b) => (key(a) < key(b) ? -1 : 1))
      .slice(0, page.limit)
      .map(copy);
    const last = transactions[transactions.length - 1];
    return { transactions, next: transactions.length === page.limit && last ? { merchantId: last.merchantId, id: last.id } : null };
  }

  // --- BalanceTransactionsReader (what the ledger's reader answers, over this store's transactions)
  async list(q: { merchantId: string; livemode: boolean; type?: BalanceTransactionType; payoutId?: string; createdGteMs?: number; limit: number; startingAfter?: string }) {
    const all = [...this.txns.values()]
      .filter((t) => t.merchantId === q.merchantId && t.livemode === q.livemode && (!q.type || t.type === q.type) && (!q.payoutId || t.payoutId === q.payoutId) && (q.createdGteMs === undefined || t.createdMs >= q.createdGteMs))
      .sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? 1 : -1));
    const start = q.startingAfter ? all.findIndex((t) => t.id === q.startingAfter) + 1 : 0;
    const slice = all.slice(start, start + q.limit + 1);
    return { data: slice.slice(0, q.limit).map(copy), hasMore: slice.length > q.limit };
  }
  async get(merchantId: string, livemode: boolean, id: string) {
    const txn = this.txns.get(id);
    return txn && txn.merchantId === merchantId && txn.livemode === livemode ? copy(txn) : null;
  }
  async unsettledAvailable(merchantId: string, livemode: boolean, cutoffMs: number, limit: number) {
    this.reads.transactions += 1;
    return [...this.txns.values()]
      .filter((t) => t.merchantId === merchantId && t.livemode === livemode && t.payoutId === null && t.availableOnMs <= cutoffMs)
      .sort((a, b) => a.availableOnMs - b.availableOnMs || (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map(copy);
  }
  async sums(merchantId: string, livemode: boolean, nowMs: number) {
    const available: Record<string, number> = {};
    const pending: Record<string, number> = {};
    for (const t of this.txns.values()) {
      if (t.merchantId !== merchantId || t.livemode !== livemode) continue;
      const bucket = t.availableOnMs <= nowMs ? available : pending;
      bucket[t.currency] = (bucket[t.currency] ?? 0) + t.net;
    }
    return { available, pending };
  }

  // --- seeding and assertions
  /** What the payments context commits with a capture or refund: the journal and its balance transactions. */
  seedJournal(journal: Journal): void {
    this.journalsById.set(journal.id, copy(journal));
    for (const txn of journal.balanceTransactions) this.txns.set(txn.id, copy(txn));
  }
  seedSettings(settings: PayoutSettings): void {
    this.settings.set(merchantModeId(settings.merchantId, settings.livemode), copy(settings));
  }
  balanceTransaction(id: string): BalanceTransaction | null {
    this.reads.byId += 1;
    const txn = this.txns.get(id);
    return txn ? copy(txn) : null;
  }
  bankEvent(id: string): BankEventRecord | null {
    const event = this.bankEvents.get(id);
    return event ? copy(event) : null;
  }
  idempotencyRecord(merchantId: string, keyHash: string): IdempotencyRecord | null {
    const record = this.idempotency.get(idempotencyDocId(merchantId, keyHash));
    return record ? copy(record) : null;
  }
  journals(): Journal[] {
    return [...this.journalsById.values()].map(copy);
  }
  balanceTransactions(): BalanceTransaction[] {
    return [...this.txns.values()].map(copy);
  }
  allPayouts(): Payout[] {
    return [...this.payouts.values()].map(copy);
  }
  allSettlements(): SettlementRecord[] {
    return [...this.settlements.values()].map(copy);
  }
  balanceSummary(merchantId: string, livemode: boolean): BalanceSummary | null {
    const summary = this.summaries.get(merchantModeId(merchantId, livemode));
    return summary ? copy(summary) : null;
  }
  outboxEvents(): PaymentEventV1[] {
    return this.outbox.all().flatMap((doc) => doc.events);
  }

  private apply(staged: StagedSettlementTransaction): OutboxEntry | null {
    // Firestore's create and update fail the whole commit: checked before anything is applied.
    for (const id of staged.settlements.keys()) if (this.settlements.has(id)) throw new AlreadyExistsError(`settlements/${id} exists`);
    for (const id of staged.bankEvents.keys()) if (this.bankEvents.has(id)) throw new AlreadyExistsError(`bank_events/${id} exists`);
    for (const mark of staged.marks) for (const id of mark.ids) if (!this.txns.has(id)) throw new Error(`NOT_FOUND: balance_transactions/${id}`);
    for (const [id, p] of staged.payouts) this.payouts.set(id, p);
    for (const [id, s] of staged.settings) this.settings.set(id, s);
    for (const [id, r] of staged.settlements) this.settlements.set(id, r);
    for (const [id, e] of staged.bankEvents) this.bankEvents.set(id, e);
    for (const [id, s] of staged.summaries) this.summaries.set(id, s);
    for (const [id, r] of staged.idempotency) this.idempotency.set(id, r);
    for (const journal of staged.journals) {
      this.journalsById.set(journal.id, journal);
      for (const txn of journal.balanceTransactions) this.txns.set(txn.id, copy(txn));
    }
    for (const mark of staged.marks) for (const id of mark.ids) this.txns.set(id, { ...this.txns.get(id)!, payoutId: mark.payoutId });
    return this.outbox.append(staged.events);
  }

  private async acquire(): Promise<() => void> {
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return release;
  }
}
