import type { AuditEntry } from '../../compliance/domain/audit-entry';
import { COLLECTIONS } from '../../shared/firestore-collections';
import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { Journal } from '../../ledger/domain/journal';
import { idempotencyDocId } from '../../platform/adapters/idempotency.document';
import { InMemoryOutboxStore } from '../../platform/adapters/outbox.memory-store';
import { IdempotencyRecord } from '../../platform/application/idempotency';
import { OutboxEntry, publishedOnly } from '../../platform/application/outbox-relay';
import { Payment } from '../domain/payment';
import { Refund } from '../domain/refund';
import type { Dispute } from '../domain/dispute';
import { StuckWorkFinder } from '../application/stuck-work.finder';
import { HeldPaymentsReader } from '../application/held-payments.reader';
import { DisputePage, PaymentPage, PaymentRepository, PaymentsTransaction } from '../application/payment.repository';
import type { CommitListener } from './payment.firestore-repository';
import { TaskIntent } from '../../platform/application/task-queue';
import { ContextRecord, ContextRecordExistsError, validateRecord, ValidatedRecord } from '../../shared/context-record';
import type { ProcessorAttempt } from '../domain/payment';

// Values are cloned on the way in and out, as a document store would: a test that mutates an
// object it got back cannot change what is stored.
const copy = <T>(value: T): T => structuredClone(value);

class StagedTransaction implements PaymentsTransaction {
  readonly payments = new Map<string, Payment>();
  readonly refunds = new Map<string, Refund>();
  readonly disputes = new Map<string, Dispute>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  readonly events: PaymentEventV1[] = [];
  readonly tasks: TaskIntent[] = [];
  readonly journals: Journal[] = [];
  readonly records = new Map<string, ValidatedRecord>();

  constructor(private readonly store: InMemoryPaymentRepository) {}

  // Reads see committed state only, as in Firestore, where a transaction never reads its own writes.
  getPayment(id: string): Promise<Payment | null> {
    return this.store.getPayment(id);
  }

  getRefund(id: string): Promise<Refund | null> {
    return this.store.getRefund(id);
  }

  getDispute(id: string): Promise<Dispute | null> {
    return this.store.getDispute(id);
  }

  async getIdempotencyRecord(merchantId: string, keyHash: string): Promise<IdempotencyRecord | null> {
    return this.store.idempotencyRecord(merchantId, keyHash);
  }

  savePayment(payment: Payment): void {
    this.payments.set(payment.id, copy(payment));
  }

  saveRefund(refund: Refund): void {
    this.refunds.set(refund.id, copy(refund));
  }

  saveDispute(dispute: Dispute): void {
    this.disputes.set(dispute.id, copy(dispute));
  }

  saveIdempotencyRecord(record: IdempotencyRecord): void {
    this.idempotency.set(idempotencyDocId(record.merchantId, record.keyHash), copy(record));
  }

  appendEvents(events: readonly PaymentEventV1[]): void {
    this.events.push(...publishedOnly(events, this.store.published).map(copy));
  }

  handOff(task: TaskIntent): void {
    this.tasks.push(copy(task));
  }

  appendJournal(journal: Journal): void {
    this.journals.push(copy(journal));
  }

  appendAudit(entry: AuditEntry): void {
    this.records.set(`${COLLECTIONS.auditOutbox}/${entry.id}`, { kind: 'audit_entry', collection: COLLECTIONS.auditOutbox, id: entry.id, data: copy(entry), write: 'create' });
  }

  create(record: ContextRecord): void {
    const valid = validateRecord(record);
    const path = `${valid.collection}/${valid.id}`;
    // As in Firestore, a document cannot be created twice, not even within one commit.
    if (valid.write === 'create' && this.records.has(path)) throw new ContextRecordExistsError(valid.collection, valid.id);
    this.records.set(path, copy(valid));
  }
}

/**
 * PaymentRepository in memory. Transactions run one at a time (a promise-chain mutex), which is
 * what Firestore's serialisable transactions look like from outside; the work runs twice (as a
 * Firestore retry would) and the second run's staged writes are applied together after it returns,
 * or not at all if it throws.
 */
export class InMemoryPaymentRepository implements PaymentRepository, StuckWorkFinder, HeldPaymentsReader {
  readonly outbox: InMemoryOutboxStore;
  private readonly payments = new Map<string, Payment>();
  private readonly refunds = new Map<string, Refund>();
  private readonly disputes = new Map<string, Dispute>();
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  private readonly journalsById = new Map<string, Journal>();
  private readonly recordsByPath = new Map<string, object>();
  private tail: Promise<void> = Promise.resolve();
  private commitFailure: Error | null = null;
  private onCommitted: CommitListener;

  /** The event types some consumer subscribes to, as the Firestore repository is given them; unset, every type. */
  readonly published?: ReadonlySet<string>;

  constructor(options: { onCommitted?: CommitListener; outbox?: InMemoryOutboxStore; published?: ReadonlySet<string> } = {}) {
    this.onCommitted = options.onCommitted ?? (async () => undefined);
    this.outbox = options.outbox ?? new InMemoryOutboxStore();
    this.published = options.published;
  }

  /** Wire the relay's fast path after construction (the relay usually needs this repository's outbox). */
  setOnCommitted(listener: CommitListener): void {
    this.onCommitted = listener;
  }

  /** The next commit fails with this error after the work ran: nothing is written. */
  failNextCommit(error: Error = new Error('transaction aborted')): void {
    this.commitFailure = error;
  }

  async transaction<T>(work: (tx: PaymentsTransaction) => Promise<T>): Promise<T> {
    const release = await this.acquire();
    let staged: StagedTransaction;
    let result: T;
    let outbox: OutboxEntry | null = null;
    try {
      // Firestore may run a body more than once (contention, a lost commit answer): every body runs
      // twice here, the first run's staged writes thrown away, so a test sees any side effect twice.
      await work(new StagedTransaction(this));
      staged = new StagedTransaction(this);
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

  async getPayment(id: string): Promise<Payment | null> {
    const payment = this.payments.get(id);
    return payment ? copy(payment) : null;
  }

  async getRefund(id: string): Promise<Refund | null> {
    const refund = this.refunds.get(id);
    return refund ? copy(refund) : null;
  }

  async getDispute(id: string): Promise<Dispute | null> {
    const dispute = this.disputes.get(id);
    return dispute ? copy(dispute) : null;
  }

  async listDisputes(merchantId: string, livemode: boolean, page: { limit: number; startingAfter?: string; paymentId?: string }): Promise<DisputePage> {
    const newestFirst = [...this.disputes.values()]
      .filter((d) => d.merchantId === merchantId && d.livemode === livemode && (!page.paymentId || d.paymentId === page.paymentId))
      .sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    const start = page.startingAfter ? newestFirst.findIndex((d) => d.id === page.startingAfter) + 1 : 0;
    if (page.startingAfter && start === 0) return { disputes: [], hasMore: false };
    const slice = newestFirst.slice(start, start + page.limit + 1);
    return { disputes: slice.slice(0, page.limit).map(copy), hasMore: slice.length > page.limit };
  }

  async stuckPayments(updatedAtOrBeforeMs: number, limit: number): Promise<readonly Payment[]> {
    return [...this.payments.values()].filter((p) => p.status === 'processing' && p.updatedMs <= updatedAtOrBeforeMs).sort((a, b) => a.updatedMs - b.updatedMs).slice(0, limit).map(copy);
  }

  async unreleasedHolds(updatedAtOrBeforeMs: number, limit: number): Promise<readonly Payment[]> {
    return [...this.payments.values()].filter((p) => p.status === 'canceled' && p.holdReleased === false && p.updatedMs <= updatedAtOrBeforeMs).sort((a, b) => a.updatedMs - b.updatedMs).slice(0, limit).map(copy);
  }

  async recentAttempts(sinceMs: number, limit: number): Promise<ReadonlyArray<ProcessorAttempt & { readonly livemode: boolean }>> {
    const recent = [...this.payments.values()].filter((p) => p.updatedMs >= sinceMs).sort((a, b) => b.updatedMs - a.updatedMs).slice(0, limit);
    return recent.flatMap((p) => p.attempts.map((a) => ({ ...a, livemode: p.livemode })));
  }

  async stuckRefunds(updatedAtOrBeforeMs: number, limit: number): Promise<readonly Refund[]> {
    return [...this.refunds.values()].filter((r) => r.status === 'pending' && r.updatedMs <= updatedAtOrBeforeMs).sort((a, b) => a.updatedMs - b.updatedMs).slice(0, limit).map(copy);
  }

  async listPayments(merchantId: string, livemode: boolean, page: { limit: number; startingAfter?: string }): Promise<PaymentPage> {
    const newestFirst = [...this.payments.values()]
      .filter((p) => p.merchantId === merchantId && p.livemode === livemode)
      .sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    let start = 0;
    if (page.startingAfter) {
      const index = newestFirst.findIndex((p) => p.id === page.startingAfter);
      if (index < 0) return { payments: [], hasMore: false };
      start = index + 1;
    }
    const slice = newestFirst.slice(start, start + page.limit + 1);
    return { payments: slice.slice(0, page.limit).map(copy), hasMore: slice.length > page.limit };
  }

  async openReviews(merchantId: string, livemode: boolean, limit: number): Promise<{ payments: Payment[]; hasMore: boolean }> {
    const open = [...this.payments.values()]
      .filter((p) => p.status === 'requires_review' && p.merchantId === merchantId && p.livemode === livemode)
      .sort((a, b) => b.createdMs - a.createdMs || b.id.localeCompare(a.id));
    return { payments: open.slice(0, limit).map(copy), hasMore: open.length > limit };
  }

  async staleReviews(heldBeforeMs: number, limit: number): Promise<Payment[]> {
    return [...this.payments.values()]
      .filter((p) => p.status === 'requires_review' && p.updatedMs < heldBeforeMs)
      .sort((a, b) => a.updatedMs - b.updatedMs)
      .slice(0, limit)
      .map(copy);
  }

  idempotencyRecord(merchantId: string, keyHash: string): IdempotencyRecord | null {
    const record = this.idempotency.get(idempotencyDocId(merchantId, keyHash));
    return record ? copy(record) : null;
  }

  // What was committed, for assertions.
  outboxEvents(): PaymentEventV1[] {
    return this.outbox.all().flatMap((doc) => doc.events);
  }

  journals(): Journal[] {
    return [...this.journalsById.values()].map(copy);
  }

  idempotencyRecords(): IdempotencyRecord[] {
    return [...this.idempotency.values()].map(copy);
  }

  allPayments(): Payment[] {
    return [...this.payments.values()].map(copy);
  }

  /** The audit entries committed with payment decisions, in commit order. */
  auditEntries(): AuditEntry[] {
    return [...this.recordsByPath.entries()].filter(([path]) => path.startsWith(`${COLLECTIONS.auditOutbox}/`)).map(([, data]) => copy(data) as AuditEntry);
  }

  /** Records other contexts committed with a payment decision, by `collection/id`. */
  record(collection: string, id: string): object | null {
    const data = this.recordsByPath.get(`${collection}/${id}`);
    return data ? copy(data) : null;
  }

  allRefunds(): Refund[] {
    return [...this.refunds.values()].map(copy);
  }

  private apply(staged: StagedTransaction): OutboxEntry | null {
    // Firestore's create fails the whole commit when the document exists: checked before anything is applied.
    for (const [path, record] of staged.records) if (record.write === 'create' && this.recordsByPath.has(path)) throw new ContextRecordExistsError(record.collection, record.id);
    for (const [id, payment] of staged.payments) this.payments.set(id, payment);
    for (const [id, refund] of staged.refunds) this.refunds.set(id, refund);
    for (const [id, dispute] of staged.disputes) this.disputes.set(id, dispute);
    for (const [id, record] of staged.idempotency) this.idempotency.set(id, record);
    // Journal entries have ids derived from the journal, so a second write replaces, never adds.
    for (const journal of staged.journals) this.journalsById.set(journal.id, journal);
    for (const [path, record] of staged.records) this.recordsByPath.set(path, record.data);
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
